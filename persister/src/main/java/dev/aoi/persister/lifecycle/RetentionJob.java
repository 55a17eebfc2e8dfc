package dev.aoi.persister.lifecycle;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The daily retention job: every month whose end is older than the {@code results} policy's retention is archived
 * (when the policy says so: files, verification, a row in {@code partition_archives}) and then detached and dropped
 * through {@code aoi_drop_month_partitions}, which checks the policy and the archive's counts again on the
 * database's side. One instance at a time across all persisters: a session advisory lock held for the whole run
 * (a second instance skips). Every step can be repeated: a run killed anywhere is completed by the next one.
 */
public final class RetentionJob {

    /** The advisory lock key of the job (the partition functions use another). */
    static final long LOCK_KEY = 7318964502L;
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final Partitions partitions;
    private final ArchivePolicies policies;
    private final PartitionArchiver archiver;
    private final ResultImageFiles resultImages;
    private final Clock clock;

    public RetentionJob(DataSource dataSource, ResultImageFiles resultImages, Clock clock) {
        this.jdbc = new JdbcTemplate(Objects.requireNonNull(dataSource, "dataSource"));
        this.client = JdbcClient.create(jdbc);
        this.partitions = new Partitions(dataSource);
        this.policies = new ArchivePolicies(dataSource);
        this.archiver = new PartitionArchiver(dataSource, resultImages, clock);
        this.resultImages = resultImages;
        this.clock = clock;
    }

    /** What a run did (or, with {@code dryRun}, would do), month by month. */
    public record Report(boolean ran, boolean dryRun, List<String> actions) {
    }

    /** Runs the job unless another instance holds its lock. */
    public Report run(boolean dryRun) {
        // the lock belongs to the session of this one connection, held until the run ends
        return jdbc.execute((ConnectionCallback<Report>) lockConnection -> {
            boolean locked;
            try (var st = lockConnection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                st.setLong(1, LOCK_KEY);
                try (var rs = st.executeQuery()) {
                    locked = rs.next() && rs.getBoolean(1);
                }
            }
            if (!locked) {
                log.info("retention job: another persister is running it; skipped");
                return new Report(false, dryRun, List.of("skipped: another instance holds the job's lock"));
            }
            try {
                return runLocked(dryRun);
            } finally {
                try (var st = lockConnection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    st.setLong(1, LOCK_KEY);
                    st.execute();
                }
            }
        });
    }

    /** Months of partitions whose end is at or before now minus the retention; empty when data is kept forever. */
    public List<Month> dueMonths() {
        ArchivePolicy policy = policies.get(ArchivePolicy.RESULTS);
        if (!policy.hasRetention()) {
            return List.of();
        }
        Instant cutoff = clock.instant().minus(Duration.ofDays(policy.retentionDays()));
        return partitions.months().stream().filter(m -> !m.end().isAfter(cutoff)).toList();
    }

    private Report runLocked(boolean dryRun) {
        ArchivePolicy policy = policies.get(ArchivePolicy.RESULTS);
        List<String> actions = new ArrayList<>();
        if (!policy.hasRetention()) {
            actions.add("results are kept forever (no retention_days): nothing to do");
            return new Report(true, dryRun, actions);
        }
        for (Month month : dueMonths()) {
            long images = partitions.rows("images", month);
            long classes = partitions.rows("classes", month);
            long regions = partitions.rows("regions", month);
            String what = month + " (" + images + " images, " + classes + " classes, " + regions + " regions)";
            if (dryRun) {
                actions.add((policy.archiveEnabled() ? "would archive " + what + " to "
                        + ArchiveFiles.folder(policy.archiveLocation(), month) + " and drop it"
                        : "would drop " + what + " without archive"));
                continue;
            }
            try {
                if (policy.archiveEnabled()) {
                    archiveMonth(month, policy.archiveLocation());
                } else if (resultImages.enabled()) {
                    resultImages.delete(archiver.resultImagePaths(month));
                }
                drop(month);
                actions.add((policy.archiveEnabled() ? "archived and dropped " : "dropped ") + what);
                log.info("retention job: {} {}", policy.archiveEnabled() ? "archived and dropped" : "dropped", what);
            } catch (IOException | RuntimeException e) {
                log.error("retention job: month {} stays (archive or drop failed; the next run tries again): {}",
                        month, e.toString());
                actions.add("failed on " + what + ": " + e.getMessage());
                break;
            }
        }
        if (!dryRun) {
            policies.recordRun(ArchivePolicy.RESULTS, clock.instant());
        }
        return new Report(true, dryRun, actions);
    }

    /** Writes and verifies the archive of {@code month} and records it (the step a drop with archiving needs). */
    public Manifest archiveMonth(Month month, String location) throws IOException {
        Manifest written = archiver.archive(month, location);
        Path folder = ArchiveFiles.folder(location, month);
        archiver.verify(month, folder);
        client.sql("""
                INSERT INTO partition_archives (month, location, images, classes, regions, result_files, manifest_sha256,
                    archived_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (month) DO UPDATE SET location = EXCLUDED.location, images = EXCLUDED.images,
                    classes = EXCLUDED.classes, regions = EXCLUDED.regions, result_files = EXCLUDED.result_files,
                    manifest_sha256 = EXCLUDED.manifest_sha256, archived_at = EXCLUDED.archived_at,
                    dropped_at = NULL""")
                .param(month.firstDay()).param(folder.toAbsolutePath().toString())
                .param(written.tables().get("images").rows()).param(written.tables().get("classes").rows())
                .param(written.tables().get("regions").rows()).param(written.resultImages().size())
                .param(ArchiveFiles.sha256Of(folder.resolve(Manifest.FILE)))
                .param(Timestamp.from(clock.instant())).update();
        return written;
    }

    /** Detaches and drops the month through the migrator's function (which re-checks policy and archive). */
    public long drop(Month month) {
        return client.sql("SELECT aoi_drop_month_partitions(?)").param(month.firstDay()).query(Long.class).single();
    }
}
