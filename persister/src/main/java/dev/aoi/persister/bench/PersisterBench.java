package dev.aoi.persister.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.aoi.common.DatabaseUrl;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.persister.db.CommandLines;
import dev.aoi.persister.db.DatabaseMigrations;
import dev.aoi.persister.lifecycle.Month;
import dev.aoi.persister.lifecycle.Partitions;
import java.time.YearMonth;
import java.time.ZoneOffset;
import dev.aoi.persister.db.PoolSettings;
import dev.aoi.persister.db.PooledDataSources;
import dev.aoi.persister.write.BatchOutcome;
import dev.aoi.persister.write.CopyRows;
import dev.aoi.persister.write.Rejection;
import dev.aoi.persister.write.ResultBatchWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench}: the persister's writer against the COPY ceiling and a row-at-a-time (ORM-like) writer, on the
 * same PostgreSQL and the same generated results, each phase starting from empty tables. Runs in a scratch
 * database it creates and drops, on the server of {@code --jdbc-url}/{@code DATABASE_URL}; when neither is set,
 * {@code ./aoi} starts a scratch PostgreSQL with durability on for the run (infra's {@code WithScratchPostgres}),
 * so that this production jar carries no embedded server.
 */
public final class PersisterBench {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    private final BenchOptions options;

    private PersisterBench(BenchOptions options) {
        this.options = options;
    }

    /** Entry of {@code ./aoi bench persister [options]}; returns the exit code. */
    public static int run(String[] args) {
        return CommandLines.of(new BenchOptions()).execute(args);
    }

    static void measure(BenchOptions options) throws Exception {
        new PersisterBench(options).measure();
    }

    private void measure() throws Exception {
        String url = options.jdbcUrl() != null ? options.jdbcUrl() : System.getenv("DATABASE_URL");
        if (url == null || url.isBlank()) {
            // ./aoi bench persister starts a scratch server when neither is set: the jar carries no PostgreSQL
            throw new IllegalArgumentException("no database: give --jdbc-url or DATABASE_URL");
        }
        measureOn(DatabaseUrl.parse(url), options.jdbcUrl() != null ? "--jdbc-url" : "DATABASE_URL");
    }

    private void measureOn(DatabaseUrl server, String origin) throws Exception {
        String scratch = "aoi_bench_" + Long.toString(System.currentTimeMillis(), 36);
        admin(server, "CREATE DATABASE " + scratch);
        try {
            DatabaseUrl url = withDatabase(server, scratch);
            try (HikariDataSource ds = PooledDataSources.create(url, new PoolSettings(1, 1), "persister-bench",
                    Duration.ofSeconds(30))) {
                Map<String, Object> report = phases(ds, origin);
                String json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                        .writeValueAsString(report);
                if (options.json() != null) {
                    Path file = Path.of(options.json());
                    if (file.toAbsolutePath().getParent() != null) {
                        Files.createDirectories(file.toAbsolutePath().getParent());
                    }
                    Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
                    log("wrote " + file.toAbsolutePath());
                }
                System.out.println(json);
            }
        } finally {
            if (options.keep()) {
                log("kept database " + scratch + " with the generated results");
            } else {
                admin(server, "DROP DATABASE IF EXISTS " + scratch);
            }
        }
    }

    private Map<String, Object> phases(HikariDataSource ds, String origin) throws Exception {
        int images = options.images();
        SyntheticResults synthetic = new SyntheticResults(42);
        List<InspectionResult> fresh = synthetic.results(images, options.regions(), T0);
        List<InspectionResult> newer = new ArrayList<>(images);
        for (int n = 0; n < images; n++) {
            newer.add(synthetic.result(SyntheticResults.imageId(n), n + 1_000_000, options.regions(), T0.plusSeconds(3600)));
        }
        long rows = rows(fresh);
        int rowImages = Math.min(images, options.rowAtATimeImages());
        List<InspectionResult> rowSubset = fresh.subList(0, rowImages);
        ResultBatchWriter writer = new ResultBatchWriter(ds);
        DatabaseMigrations migrations = new DatabaseMigrations(ds);
        migrations.migrate();
        // the month the generated frames were captured in (created ahead by nobody: it is in the past)
        new Partitions(ds).create(new Month(YearMonth.from(SyntheticResults.EPOCH.atZone(ZoneOffset.UTC))));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "persister");
        report.put("postgres", origin);
        report.put("postgres_version", query(ds, "SHOW server_version"));
        report.put("fsync", query(ds, "SHOW fsync"));
        report.put("synchronous_commit", query(ds, "SHOW synchronous_commit"));
        report.put("schema_version", migrations.currentVersion());
        report.put("images", images);
        report.put("classes_per_image", SyntheticResults.CLASS_NAMES.size());
        report.put("regions_per_image", options.regions());
        report.put("rows", rows);
        report.put("batch_images", options.batch());
        report.put("repeat", options.repeat());

        Map<String, Object> results = new LinkedHashMap<>();
        Phase copy = new Phase("copy", rows);
        Phase writerFresh = new Phase("writer_fresh", rows);
        Phase writerReplay = new Phase("writer_replay", rows);
        Phase writerReprocess = new Phase("writer_reprocess", rows);
        Phase rowAtATime = new Phase("row_at_a_time", rows(rowSubset));
        // Warm-up, untimed: the JIT compiles the row encoders and the driver before any phase is timed.
        List<InspectionResult> warm = fresh.subList(0, Math.min(images, 2 * options.batch()));
        truncate(ds);
        copyAll(ds, warm, false);
        truncate(ds);
        writeAll(writer, warm);
        writeAll(writer, warm);
        for (int round = 0; round < options.repeat(); round++) {
            truncate(ds);
            copy.time(() -> copyAll(ds, fresh, false));
            truncate(ds);
            writerFresh.time(() -> writeAll(writer, fresh));
            writerReplay.time(() -> writeAll(writer, fresh));
            writerReprocess.time(() -> writeAll(writer, newer));
            truncate(ds);
            rowAtATime.time(() -> {
                try (Connection c = ds.getConnection()) {
                    RowAtATimeWriter.write(c, rowSubset);
                }
            });
        }
        for (Phase p : List.of(copy, writerFresh, writerReplay, writerReprocess, rowAtATime)) {
            results.put(p.name, p.toMap());
        }
        if (options.compareSeedSchema()) {
            migrations.downgradeTo("1");
            Phase seed = new Phase("copy_seed_schema", rows);
            for (int round = 0; round < options.repeat(); round++) {
                truncate(ds);
                seed.time(() -> copyAll(ds, fresh, true));
            }
            results.put(seed.name, seed.toMap());
            truncate(ds);
            migrations.migrate();
            new Partitions(ds).create(new Month(YearMonth.from(SyntheticResults.EPOCH.atZone(ZoneOffset.UTC))));
            report.put("ratio_writer_vs_copy_seed_schema", round(writerFresh.rowsPerSecond() / seed.rowsPerSecond()));
        }
        if (options.retentionRows() > 0) {
            truncate(ds);
            report.put("retention", RetentionBench.measure(ds, options.retentionRows(), options.regions(),
                    options.batch()));
        }
        if (options.keep()) {
            truncate(ds);
            writeAll(writer, fresh);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE");
            }
        }
        report.put("results", results);
        report.put("row_at_a_time_images", rowImages);
        double ceiling = copy.rowsPerSecond();
        report.put("ratio_vs_copy_fresh", round(writerFresh.rowsPerSecond() / ceiling));
        report.put("ratio_vs_copy_replay", round(writerReplay.rowsPerSecond() / ceiling));
        report.put("ratio_vs_copy_reprocess", round(writerReprocess.rowsPerSecond() / ceiling));
        report.put("ratio_vs_row_at_a_time", round(writerFresh.rowsPerSecond() / rowAtATime.rowsPerSecond()));
        report.put("goal_met", writerFresh.rowsPerSecond() >= 0.8 * ceiling
                && writerReplay.rowsPerSecond() >= 0.8 * ceiling
                && writerFresh.rowsPerSecond() >= 5 * rowAtATime.rowsPerSecond());
        return report;
    }

    private void writeAll(ResultBatchWriter writer, List<InspectionResult> results) {
        for (int i = 0; i < results.size(); i += options.batch()) {
            BatchOutcome outcome = writer.write(results.subList(i, Math.min(results.size(), i + options.batch())));
            if (!outcome.rejected().isEmpty()) {
                Rejection first = outcome.rejected().get(0);
                throw new IllegalStateException("the bench's own data was refused: " + first.result().imgUniqueId()
                        + " (SQLState " + first.sqlState() + "): " + first.detail());
            }
        }
    }

    /** The ceiling: the same rows streamed with COPY, one transaction per batch of images like the writer's. */
    private void copyAll(HikariDataSource ds, List<InspectionResult> results, boolean seedColumns) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (int i = 0; i < results.size(); i += options.batch()) {
                List<InspectionResult> batch = results.subList(i, Math.min(results.size(), i + options.batch()));
                StringBuilder images = new StringBuilder();
                StringBuilder classes = new StringBuilder();
                StringBuilder regions = new StringBuilder();
                for (InspectionResult r : batch) {
                    if (seedColumns) {
                        StringBuilder line = new StringBuilder();
                        CopyRows.appendImage(line, r);
                        images.append(firstFields(line, 9)).append('\n');
                    } else {
                        CopyRows.appendImage(images, r);
                    }
                    CopyRows.appendClasses(classes, r, !seedColumns);
                    CopyRows.appendRegions(regions, r, !seedColumns);
                }
                String imagesCopy = seedColumns ? CopyRows.IMAGES_COPY.replaceAll(", captured_at.*\\)", ")")
                        : CopyRows.IMAGES_COPY;
                copyIn(copy, imagesCopy, images);
                copyIn(copy, seedColumns ? CopyRows.CLASSES_COPY_SEED : CopyRows.CLASSES_COPY, classes);
                copyIn(copy, seedColumns ? CopyRows.REGIONS_COPY_SEED : CopyRows.REGIONS_COPY, regions);
                c.commit();
            }
            c.setAutoCommit(true);
        }
    }

    private static void copyIn(CopyManager copy, String sql, StringBuilder rows) throws SQLException {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        var in = copy.copyIn(sql);
        try {
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static String firstFields(StringBuilder line, int fields) {
        int pos = -1;
        for (int k = 0; k < fields; k++) {
            pos = line.indexOf("\t", pos + 1);
        }
        return line.substring(0, pos);
    }

    private static void truncate(HikariDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            boolean lifecycle = s.executeQuery("SELECT to_regclass('image_keys') IS NOT NULL").next()
                    && s.getResultSet().getBoolean(1);
            s.execute(lifecycle ? "TRUNCATE regions, classes, images, image_keys, daily_rollups"
                    : "TRUNCATE regions, classes, images");
            s.execute("CHECKPOINT");
        }
    }

    private static long rows(List<InspectionResult> results) {
        long rows = 0;
        for (InspectionResult r : results) {
            rows += 1 + r.classes().size();
            for (var c : r.classes()) {
                rows += c.regions().size();
            }
        }
        return rows;
    }

    private static String query(HikariDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void admin(DatabaseUrl server, String sql) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(server.jdbcUrl(), props(server));
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new SQLException("bench: '" + sql + "' failed on " + server.jdbcUrl()
                    + " — the bench needs a role that may create databases (it never touches existing tables): "
                    + e.getMessage(), e.getSQLState(), e);
        }
    }

    private static java.util.Properties props(DatabaseUrl url) {
        java.util.Properties p = new java.util.Properties();
        if (url.user() != null) {
            p.setProperty("user", url.user());
        }
        if (url.password() != null) {
            p.setProperty("password", url.password());
        }
        return p;
    }

    private static DatabaseUrl withDatabase(DatabaseUrl server, String name) {
        String url = server.jdbcUrl();
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?');
        String tail = query < 0 ? "" : url.substring(query);
        String head = slash < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, slash);
        return new DatabaseUrl(head + "/" + name + tail, server.user(), server.password());
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static void log(String message) {
        System.err.println("bench: " + message);
    }

    /** Something timed. */
    private interface Timed {
        void run() throws Exception;
    }

    /** One phase's timings over the rounds; the median decides. */
    private static final class Phase {
        final String name;
        final long rows;
        final List<Double> seconds = new ArrayList<>();

        Phase(String name, long rows) {
            this.name = name;
            this.rows = rows;
        }

        void time(Timed body) throws Exception {
            long start = System.nanoTime();
            body.run();
            double s = (System.nanoTime() - start) / 1e9;
            seconds.add(s);
            log(String.format(Locale.ROOT, "%-18s %,10d rows in %7.2f s = %,10.0f rows/s", name, rows, s, rows / s));
        }

        double median() {
            List<Double> sorted = new ArrayList<>(seconds);
            sorted.sort(null);
            return sorted.get(sorted.size() / 2);
        }

        double rowsPerSecond() {
            return rows / median();
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rows", rows);
            m.put("seconds", round(median()));
            m.put("rows_per_s", Math.round(rowsPerSecond()));
            m.put("all_seconds", seconds.stream().map(PersisterBench::round).toList());
            return m;
        }
    }

}
