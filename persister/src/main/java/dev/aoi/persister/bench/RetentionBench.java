package dev.aoi.persister.bench;

import dev.aoi.common.event.InspectionResult;
import dev.aoi.persister.lifecycle.Month;
import dev.aoi.persister.lifecycle.Partitions;
import dev.aoi.persister.lifecycle.ResultImageFiles;
import dev.aoi.persister.lifecycle.RetentionJob;
import dev.aoi.persister.write.ResultBatchWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The retention phase of {@code bench persister}: one month of about {@code rows} rows (images × 25) removed three
 * ways on the same data, each after loading it afresh with the writer — the job archiving and dropping the month,
 * the job dropping it without archive, and the row-by-row baseline {@code DELETE FROM images WHERE captured_at in
 * the month} (cascading to classes and regions). The DELETE leaves dead rows for VACUUM; the drop leaves none.
 */
final class RetentionBench {

    private static final Month MONTH = Month.parse("2025-06");

    private RetentionBench() {
    }

    static Map<String, Object> measure(DataSource ds, long rows, int regionsPerImage, int batch) throws Exception {
        int images = (int) Math.max(1, rows / (1 + SyntheticResults.CLASS_NAMES.size() + regionsPerImage));
        SyntheticResults synthetic = new SyntheticResults(77);
        List<InspectionResult> month = new ArrayList<>(images);
        long spacing = (MONTH.end().getEpochSecond() - MONTH.start().getEpochSecond()) * 1000L / images;
        for (int n = 0; n < images; n++) {
            month.add(synthetic.result("ret-" + SyntheticResults.imageId(n), n, regionsPerImage,
                    Instant.parse("2025-07-02T00:00:00Z"), MONTH.start().plusMillis(spacing * n)));
        }
        long total = (long) images * (1 + SyntheticResults.CLASS_NAMES.size() + regionsPerImage);
        Path archive = Files.createTempDirectory("aoi-bench-archive-");
        RetentionJob job = new RetentionJob(ds, new ResultImageFiles(null), Clock.systemUTC());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("month", MONTH.toString());
        out.put("images", images);
        out.put("rows", total);

        double load = load(ds, month, batch);
        out.put("load_writer_seconds", round(load));
        policy(ds, "retention_days = 30, archive_enabled = true, archive_location = '" + archive + "'");
        double archiveAndDrop = time(() -> requireDone(job.run(false)));
        out.put("archive_and_drop_seconds", round(archiveAndDrop));
        out.put("archive_bytes", size(archive));

        load(ds, month, batch);
        policy(ds, "archive_enabled = false");
        double dropOnly = time(() -> requireDone(job.run(false)));
        out.put("drop_only_seconds", round(dropOnly));

        load(ds, month, batch);
        double delete = time(() -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM images WHERE captured_at >= '" + MONTH.start() + "' AND captured_at < '"
                        + MONTH.end() + "'");
            }
        });
        out.put("delete_seconds", round(delete));
        out.put("delete_vs_archive_and_drop", round(delete / archiveAndDrop));
        out.put("delete_vs_drop_only", round(delete / dropOnly));
        policy(ds, "retention_days = NULL, archive_enabled = false, archive_location = NULL");
        log(String.format(Locale.ROOT, "retention, %,d rows: archive+drop %.2f s, drop %.2f s, DELETE %.2f s",
                total, archiveAndDrop, dropOnly, delete));
        try (var files = Files.walk(archive)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return out;
    }

    private static double load(DataSource ds, List<InspectionResult> month, int batch) throws Exception {
        new Partitions(ds).create(MONTH);
        ResultBatchWriter writer = new ResultBatchWriter(ds);
        return time(() -> {
            for (int i = 0; i < month.size(); i += batch) {
                writer.write(month.subList(i, Math.min(month.size(), i + batch)));
            }
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            }
        });
    }

    private static void requireDone(RetentionJob.Report report) {
        if (!report.ran() || report.actions().stream().noneMatch(a -> a.contains(MONTH.toString()))
                || report.actions().stream().anyMatch(a -> a.startsWith("failed"))) {
            throw new IllegalStateException("the retention job did not remove " + MONTH + ": " + report.actions());
        }
    }

    private static void policy(DataSource ds, String set) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE archive_policies SET " + set + " WHERE data_kind = 'results'");
        }
    }

    private static long size(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private interface Timed {
        void run() throws Exception;
    }

    private static double time(Timed body) throws Exception {
        long start = System.nanoTime();
        body.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static void log(String message) {
        System.err.println("bench: " + message);
    }
}
