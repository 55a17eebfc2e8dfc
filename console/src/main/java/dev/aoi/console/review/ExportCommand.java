package dev.aoi.console.review;

import dev.aoi.console.db.CommandLineDatabase;
import dev.aoi.console.files.FileRoots;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./aoi export reviews --from T1 --to T2 --out DIR}: the verdicts as a labelled dataset (docs/review.md). */
@Command(name = "./aoi export", mixinStandardHelpOptions = true, description = "Export data from the database.",
        subcommands = ExportCommand.Reviews.class)
public final class ExportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;

    ExportCommand(Map<String, String> env) {
        this.env = env;
    }

    /** Runs {@code ./aoi export ARGS}; returns the exit code. */
    public static int run(String[] args, Map<String, String> env) {
        CommandLine cli = new CommandLine(new ExportCommand(env));
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("./aoi export: " + e.getMessage());
            return 1;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("./aoi export: " + e.getMessage() + " (see ./aoi export --help)");
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "reviews", mixinStandardHelpOptions = true,
            description = "Crops of the live verdicts given in [--from, --to) under DIR/images/<verdict>/, with"
                    + " DIR/manifest.csv and DIR/manifest.jsonl. Frames are read from under AOI_CONSOLE_FILE_ROOTS"
                    + " (or --file-root).")
    static final class Reviews implements Callable<Integer> {
        @CommandLine.ParentCommand
        ExportCommand parent;
        @Option(names = "--from", required = true, paramLabel = "T1", description = "ISO-8601 instant or a date (UTC)")
        String from;
        @Option(names = "--to", required = true, paramLabel = "T2", description = "ISO-8601 instant or a date (UTC)")
        String to;
        @Option(names = "--out", required = true, paramLabel = "DIR")
        Path out;
        @Option(names = "--file-root", paramLabel = "DIR", description = "a folder frames may be read from (repeatable)")
        List<Path> fileRoots = new ArrayList<>();
        @Option(names = "--margin", defaultValue = "24", description = "pixels around the box (default 24)")
        int margin;

        @Override
        public Integer call() throws Exception {
            Instant start = instant("--from", from);
            Instant end = instant("--to", to);
            if (!start.isBefore(end)) {
                throw new CommandLine.ParameterException(parent.spec.commandLine(), "--to must be after --from");
            }
            List<Path> roots = new ArrayList<>(fileRoots);
            String configured = parent.env.getOrDefault("AOI_CONSOLE_FILE_ROOTS", "");
            for (String root : configured.split(",")) {
                if (!root.isBlank()) {
                    roots.add(Path.of(root.trim()));
                }
            }
            ReviewExport export = new ReviewExport(JdbcClient.create(CommandLineDatabase.from(parent.env)),
                    new FileRoots(roots), margin);
            ReviewExport.Summary s = export.export(start, end, out);
            parent.spec.commandLine().getOut().printf("%d verdict(s) exported to %s: %d crop(s), %d without an image"
                    + " (see the 'missing' column)%n", s.verdicts(), out, s.images(), s.withoutImage());
            return 0;
        }

        private Instant instant(String option, String text) {
            try {
                return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new CommandLine.ParameterException(parent.spec.commandLine(), option
                        + " must be an ISO-8601 instant (2026-11-02T00:00:00Z) or a date (2026-11-02), got '" + text + "'");
            }
        }
    }
}
