package dev.aoi.persister.lifecycle;

import com.zaxxer.hikari.HikariDataSource;
import dev.aoi.persister.db.DbCommand;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./aoi db partitions | policy | archive}: the data lifecycle by hand (docs/lifecycle.md). */
public final class LifecycleCommands {

    private LifecycleCommands() {
    }

    @Command(name = "partitions", mixinStandardHelpOptions = true,
            description = "Create the month partitions ahead (what the persister does at start and daily), and list"
                    + " the months and the rows the default partitions hold.")
    public static final class PartitionsCommand implements Callable<Integer> {
        @Option(names = "--ahead", defaultValue = "3", paramLabel = "N",
                description = "months after the current one (UTC) to create; default ${DEFAULT-VALUE}")
        int ahead;

        @Option(names = "--month", paramLabel = "YYYY-MM",
                description = "also create this month (repeatable): moves the rows the default partition holds for it")
        List<Month> months = List.of();

        @Override
        public Integer call() {
            try (HikariDataSource ds = DbCommand.open(DbCommand.url())) {
                Partitions partitions = new Partitions(ds);
                int created = partitions.ensureAhead(ahead);
                for (Month m : months) {
                    created += partitions.create(m) ? 1 : 0;
                }
                System.out.println(created + " month(s) created; months: " + partitions.months());
                System.out.println("rows in the default partitions: " + partitions.defaultRows());
            }
            return 0;
        }
    }

    @Command(name = "policy", mixinStandardHelpOptions = true,
            description = "Show or set the retention and archive policy.",
            subcommands = {PolicyShow.class, PolicySet.class})
    public static final class PolicyCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            return new PolicyShow().call();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print every policy.")
    static final class PolicyShow implements Callable<Integer> {
        @Override
        public Integer call() {
            try (HikariDataSource ds = DbCommand.open(DbCommand.url())) {
                for (ArchivePolicy p : new ArchivePolicies(ds).all()) {
                    System.out.printf("%-8s retention_days=%s archive_enabled=%s archive_location=%s"
                            + " downsample_after_days=%s last_archive_run=%s%n", p.dataKind(),
                            p.retentionDays() == null ? "forever" : p.retentionDays(), p.archiveEnabled(),
                            p.archiveLocation(), p.downsampleAfterDays(), p.lastArchiveRun());
                }
            }
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Change a policy; options not given keep their value.")
    static final class PolicySet implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "KIND", description = "results (images, classes, regions, result"
                + " images) or rollups")
        String kind;

        @ArgGroup(exclusive = true)
        Retention retention;

        static final class Retention {
            @Option(names = "--retention-days", paramLabel = "DAYS", description = "keep this many days")
            Integer days;

            @Option(names = "--keep-forever", description = "never remove (the default)")
            boolean forever;
        }

        @Option(names = "--archive", negatable = true, description = "archive before dropping (--no-archive: drop only)")
        Boolean archive;

        @Option(names = "--location", paramLabel = "DIR", description = "folder the archives are written to")
        String location;

        @Option(names = "--downsample-after-days", paramLabel = "DAYS",
                description = "statistics of older days come from the daily rollups")
        Integer downsample;

        @Override
        public Integer call() {
            try (HikariDataSource ds = DbCommand.open(DbCommand.url())) {
                ArchivePolicies policies = new ArchivePolicies(ds);
                ArchivePolicy p = policies.get(kind);
                Integer days = retention == null ? p.retentionDays() : retention.forever ? null : retention.days;
                String where = location == null ? p.archiveLocation() : Path.of(location).toAbsolutePath().toString();
                policies.set(new ArchivePolicy(kind, days, archive == null ? p.archiveEnabled() : archive, where,
                        downsample == null ? p.downsampleAfterDays() : downsample, p.lastArchiveRun()));
            }
            return new PolicyShow().call();
        }
    }

    @Command(name = "archive", mixinStandardHelpOptions = true,
            description = "Run the retention job, or restore an archived month.",
            subcommands = {ArchiveRun.class, ArchiveRestore.class})
    public static final class ArchiveCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            System.err.println("./aoi db archive: run [--dry-run] or restore MONTH (--help shows the usage)");
            return 2;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Archive (per the policy) and drop every month past retention, as the persister does daily;"
                    + " waits for no one: skips when a persister is running it.")
    static final class ArchiveRun implements Callable<Integer> {
        @Option(names = "--dry-run", description = "only print what it would do")
        boolean dryRun;

        @Option(names = "--result-images-root", paramLabel = "DIR", defaultValue = "${env:AOI_RESULT_IMAGES_ROOT}",
                description = "the workers' output root: result images of dropped months under it move or go"
                        + " (default: AOI_RESULT_IMAGES_ROOT; unset: left alone)")
        String resultImagesRoot;

        @Override
        public Integer call() {
            try (HikariDataSource ds = DbCommand.open(DbCommand.url())) {
                RetentionJob.Report report = new RetentionJob(ds, files(resultImagesRoot), Clock.systemUTC())
                        .run(dryRun);
                report.actions().forEach(System.out::println);
                if (report.actions().isEmpty()) {
                    System.out.println("no month is past retention");
                }
                return report.actions().stream().anyMatch(a -> a.startsWith("failed")) ? 1 : 0;
            }
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Load an archived month back into the database (and its result images under the root).")
    static final class ArchiveRestore implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MONTH", description = "YYYY-MM")
        Month month;

        @Option(names = "--from", paramLabel = "DIR",
                description = "the archive location (default: the results policy's archive_location)")
        String from;

        @Option(names = "--result-images-root", paramLabel = "DIR", defaultValue = "${env:AOI_RESULT_IMAGES_ROOT}",
                description = "where result images are copied back to (default: AOI_RESULT_IMAGES_ROOT)")
        String resultImagesRoot;

        @Override
        public Integer call() throws Exception {
            try (HikariDataSource ds = DbCommand.open(DbCommand.url())) {
                String location = from != null ? from
                        : new ArchivePolicies(ds).get(ArchivePolicy.RESULTS).archiveLocation();
                if (location == null) {
                    throw new IllegalArgumentException("no --from and no archive_location in the results policy");
                }
                PartitionArchiver.RestoreReport report = new PartitionArchiver(ds, files(resultImagesRoot),
                        Clock.systemUTC()).restore(month, ArchiveFiles.folder(location, month));
                System.out.println("restored " + report.month() + ": " + report.rows() + ", " + report.resultImages()
                        + " result image(s)");
            }
            return 0;
        }
    }

    static ResultImageFiles files(String root) {
        return new ResultImageFiles(root == null || root.isBlank() ? null : Path.of(root));
    }
}
