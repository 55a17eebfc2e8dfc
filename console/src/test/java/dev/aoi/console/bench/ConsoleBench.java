package dev.aoi.console.bench;

import dev.aoi.common.CliLogging;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.console.ConsoleApplication;
import dev.aoi.console.images.ImageFilter;
import dev.aoi.console.images.ImageRepository;
import dev.aoi.console.query.Cursor;
import dev.aoi.console.query.PageRequest;
import dev.aoi.console.query.Sql;
import dev.aoi.console.query.TimeRange;
import dev.aoi.console.regions.RegionFilter;
import dev.aoi.console.regions.RegionRepository;
import dev.aoi.console.stats.StatsQuery;
import dev.aoi.console.stats.StatsRepository;
import dev.aoi.console.testing.Results;
import dev.aoi.infra.postgres.JdbcDatabase;
import dev.aoi.infra.postgres.LocalPostgres;
import dev.aoi.persister.bench.SyntheticResults;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./aoi bench console}: loads a database with the persister's own writer, starts the console on it, and
 * times the API in one run — the first page, a page {@code depth} rows deep by keyset and the same page by OFFSET
 * (the baseline), a filtered list, a regions search and the stats endpoints over 30 days — with the plans of
 * every query.
 */
@Command(name = "./aoi bench console", mixinStandardHelpOptions = true,
        description = "Times the console's API on a loaded database: keyset against OFFSET in the same run.")
public final class ConsoleBench implements Callable<Integer> {

    @Option(names = "--images", defaultValue = "200000", description = "frames to load (default ${DEFAULT-VALUE})")
    int images;
    @Option(names = "--regions", defaultValue = "20", description = "regions per frame over 4 classes")
    int regions;
    @Option(names = "--days", defaultValue = "60", description = "capture times spread over this many days")
    int days;
    @Option(names = "--repeat", defaultValue = "40", description = "timed requests per case")
    int repeat;
    @Option(names = "--json", description = "write the results here")
    Path json;
    @Option(names = "--plans", description = "write EXPLAIN (ANALYZE, BUFFERS) of every query here")
    Path plans;
    @Option(names = "--jdbc-url", description = "a PostgreSQL to use (owner credentials); default: an embedded one")
    String jdbcUrl;

    public static void main(String[] args) {
        CliLogging.toStderr();
        System.exit(new CommandLine(new ConsoleBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (images < 100) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--images must be >= 100");
        }
        Path scratch = Files.createTempDirectory("aoi-bench-console");
        LocalPostgres embedded = null;
        JdbcDatabase server;
        if (jdbcUrl != null) {
            server = JdbcDatabase.of(dev.aoi.common.DatabaseUrl.parse(jdbcUrl));
        } else {
            embedded = LocalPostgres.start(scratch.resolve("postgres"), 0, true, false);
            server = embedded.admin();
        }
        try (BenchDatabase db = BenchDatabase.create(server)) {
            long t0 = System.nanoTime();
            Instant first = Instant.parse("2026-09-01T00:00:00Z");
            db.partitions(first, first.plus(Duration.ofDays(days)));
            load(db, first);
            System.err.printf("loaded %,d frames (%,d rows) in %.1f s%n", images, (long) images * (1 + 4 + regions),
                    (System.nanoTime() - t0) / 1e9);
            db.analyze();
            return measure(db, first);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private void load(BenchDatabase db, Instant first) {
        SyntheticResults synthetic = new SyntheticResults(42);
        long spanMillis = Duration.ofDays(days).toMillis();
        int batch = 500;
        List<InspectionResult> pending = new ArrayList<>(batch);
        for (int n = 0; n < images; n++) {
            InspectionResult r = synthetic.result(SyntheticResults.imageId(n), n, regions, first);
            Instant captured = first.plusMillis(spanMillis * n / images);
            pending.add(Results.with(r, captured, "cam" + (n % 8), Map.of("lot", "L" + (n / 2000), "panel",
                    "P" + (n % 1000))));
            if (pending.size() == batch) {
                db.write(pending);
                pending.clear();
                if ((n + 1) % 20_000 == 0) {
                    System.err.printf("  %,d frames stored%n", n + 1);
                }
            }
        }
        if (!pending.isEmpty()) {
            db.write(pending);
        }
    }

    private int measure(BenchDatabase db, Instant first) throws Exception {
        int depth = Math.min(150_000, images * 3 / 4);
        Instant end = first.plus(Duration.ofDays(days));
        Instant statsFrom = end.minus(Duration.ofDays(30));
        Instant oneDay = first.plus(Duration.ofDays(days / 2));
        NamedParameterJdbcTemplate reader = db.readerJdbc();

        // the key of the row `depth` rows deep, found once (untimed) by the owner
        Map<String, Object> deepRow = db.ownerJdbc().queryForMap("SELECT captured_at, img_unique_id FROM images"
                + " ORDER BY captured_at DESC, img_unique_id DESC OFFSET " + (depth - 1) + " LIMIT 1", Map.of());
        Instant deepAt = ((java.sql.Timestamp) deepRow.get("captured_at")).toInstant();
        String deepCursor = Cursor.at(false, Cursor.instant(deepAt), (String) deepRow.get("img_unique_id")).encode();
        PageRequest deepPage = new PageRequest(50, Cursor.decode(deepCursor, 2, 1));
        Sql keysetSql = ImageRepository.listSql(ImageFilter.none(), deepPage);
        Sql firstSql = ImageRepository.listSql(ImageFilter.none(), PageRequest.first(50));
        Sql offsetSql = new Sql(firstSql.text().replace("LIMIT 51", "LIMIT 50 OFFSET " + depth), firstSql.params());

        ConfigurableApplicationContext console = new SpringApplication(ConsoleApplication.class).run(
                "--server.port=0", "--management.server.port=0", "--logging.level.root=WARN",
                "--aoi.console.database.url=" + db.url(), "--aoi.console.database.user=" + db.readerUser(),
                "--aoi.console.database.password=" + db.readerPassword());
        try {
            int port = Integer.parseInt(console.getEnvironment().getProperty("local.server.port"));
            String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                    ("bench:" + db.viewer("bench")).getBytes(StandardCharsets.UTF_8));
            Timer timer = new Timer(HttpClient.newHttpClient(), "http://127.0.0.1:" + port, repeat, basic);
            String range30 = "from=" + statsFrom + "&to=" + end;
            Map<String, Timer.Result> http = new LinkedHashMap<>();
            http.put("first_page", timer.http("/api/v1/images?limit=50"));
            http.put("deep_keyset", timer.http("/api/v1/images?limit=50&cursor=" + enc(deepCursor)));
            http.put("filtered_camera_class_day", timer.http("/api/v1/images?limit=50&camera_id=cam3&class_id=2&from="
                    + oneDay + "&to=" + oneDay.plus(Duration.ofDays(1))));
            http.put("attribute_filter", timer.http("/api/v1/images?limit=50&attr.lot=L7"));
            http.put("regions_class_area", timer.http("/api/v1/regions?limit=50&class_id=3&min_area=1500"));
            http.put("frame_detail", timer.http("/api/v1/images/" + SyntheticResults.imageId(images / 2)));
            http.put("stats_trend_30d_day", timer.http("/api/v1/stats/trend?bucket=day&" + range30));
            http.put("stats_trend_30d_hour", timer.http("/api/v1/stats/trend?bucket=hour&" + range30));
            http.put("stats_pareto_30d", timer.http("/api/v1/stats/pareto?" + range30));
            http.put("stats_cameras_30d", timer.http("/api/v1/stats/cameras?" + range30));
            http.put("stats_worst_images_30d", timer.http("/api/v1/stats/worst-images?n=20&" + range30));
            http.put("stats_worst_lots_30d", timer.http("/api/v1/stats/worst-lots?n=20&" + range30));
            Map<String, Timer.Result> sql = new LinkedHashMap<>();
            sql.put("first_page", timer.sql(reader, firstSql));
            sql.put("deep_keyset", timer.sql(reader, keysetSql));
            sql.put("deep_offset", timer.sql(reader, offsetSql));

            Map<String, Object> out = new LinkedHashMap<>();
            out.put("images", images);
            out.put("regions_per_image", regions);
            out.put("depth", depth);
            out.put("repeat", repeat);
            out.put("p95_ms_first_page", http.get("first_page").p95());
            out.put("p95_ms_deep_keyset", http.get("deep_keyset").p95());
            // the baseline runs the API's own list statement with OFFSET, without HTTP: a conservative comparison
            out.put("p95_ms_deep_offset", sql.get("deep_offset").p95());
            out.put("deep_keyset_vs_first_page", http.get("deep_keyset").p95() / http.get("first_page").p95());
            out.put("offset_vs_deep_keyset", sql.get("deep_offset").p95() / http.get("deep_keyset").p95());
            out.put("offset_vs_deep_keyset_sql_only", sql.get("deep_offset").p95() / sql.get("deep_keyset").p95());
            out.put("http", toMap(http));
            out.put("sql", toMap(sql));
            String text = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(out);
            System.out.println(text);
            if (json != null) {
                Files.writeString(json, text + "\n", StandardCharsets.UTF_8);
            }
            if (plans != null) {
                StatsQuery q30 = new StatsQuery(new TimeRange(statsFrom, end), null);
                Map<String, Sql> queries = new LinkedHashMap<>();
                queries.put("first page", firstSql);
                queries.put("deep page by keyset", keysetSql);
                queries.put("deep page by OFFSET (baseline)", offsetSql);
                queries.put("one camera, one class, one day", ImageRepository.listSql(new ImageFilter(
                        new TimeRange(oneDay, oneDay.plus(Duration.ofDays(1))), "cam3", null, 2, null, Map.of()),
                        PageRequest.first(50)));
                queries.put("attr.lot=L7", ImageRepository.listSql(new ImageFilter(new TimeRange(null, null), null,
                        null, null, null, Map.of("lot", "L7")), PageRequest.first(50)));
                queries.put("regions class 3, area >= 1500", RegionRepository.searchSql(new RegionFilter(
                        new TimeRange(null, null), null, 3, 1500, null), PageRequest.first(50)));
                queries.put("trend per day, 30 days", StatsRepository.trendSql(q30, StatsRepository.Bucket.DAY));
                queries.put("Pareto, 30 days", StatsRepository.paretoSql(q30));
                queries.put("per camera, 30 days", StatsRepository.camerasSql(q30));
                queries.put("worst frames, 30 days", StatsRepository.worstImagesSql(q30, 20, "lot"));
                queries.put("worst lots, 30 days", StatsRepository.worstLotsSql(q30, 20, "lot"));
                StringBuilder explained = new StringBuilder();
                queries.forEach((name, s) -> {
                    explained.append("-- ").append(name).append('\n');
                    reader.query("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + s.text(), s.params(),
                            (java.sql.ResultSet rs) -> {
                                while (rs.next()) {
                                    explained.append(rs.getString(1)).append('\n');
                                }
                                return null;
                            });
                    explained.append('\n');
                });
                Files.writeString(plans, explained.toString(), StandardCharsets.UTF_8);
            }
            return 0;
        } finally {
            console.close();
        }
    }

    private static Map<String, Object> toMap(Map<String, Timer.Result> results) {
        Map<String, Object> out = new LinkedHashMap<>();
        results.forEach((k, v) -> out.put(k, Map.of("p50_ms", v.p50(), "p95_ms", v.p95())));
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Times one case: a few warm-up runs, then {@code repeat} timed runs. */
    record Timer(HttpClient client, String base, int repeat, String authorization) {

        record Result(double p50, double p95) {
        }

        Result http(String path) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization)
                    .GET().build();
            return time(() -> {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                            + new String(response.body(), StandardCharsets.UTF_8));
                }
            });
        }

        Result sql(NamedParameterJdbcTemplate jdbc, Sql sql) throws Exception {
            return time(() -> jdbc.queryForList(sql.text(), sql.params()));
        }

        private Result time(ThrowingRunnable run) throws Exception {
            // warm-up: the JIT compiles the request path, the statement is prepared server-side, pages are cached
            for (int i = 0; i < Math.max(10, repeat / 2); i++) {
                run.run();
            }
            double[] ms = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                long t = System.nanoTime();
                run.run();
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            java.util.Arrays.sort(ms);
            return new Result(round(ms[(int) Math.floor(0.5 * (repeat - 1))]),
                    round(ms[(int) Math.ceil(0.95 * (repeat - 1))]));
        }

        private static double round(double v) {
            return Math.round(v * 100) / 100.0;
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
