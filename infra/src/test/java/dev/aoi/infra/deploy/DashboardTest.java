package dev.aoi.infra.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Grafana dashboard queries only what the services export and what the database holds. */
class DashboardTest {

    /** Metrics of libraries (Micrometer binders, Spring Boot, HikariCP, Kafka clients) the dashboard may use. */
    static final Set<String> LIBRARY_METRICS = Set.of(
            "kafka_consumer_fetch_manager_records_lag", "kafka_consumer_fetch_manager_records_lag_max",
            "hikaricp_connections_active", "hikaricp_connections_pending", "hikaricp_connections_idle",
            "http_server_requests_seconds_count", "http_server_requests_seconds_sum", "http_server_requests_seconds_bucket",
            "up");
    static final List<String> LIBRARY_PREFIXES = List.of("jvm_", "process_");
    static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "and",
            "or", "unless", "offset", "bool", "inf", "nan");

    static Path root;
    static JsonNode dashboard;
    static List<JsonNode> targets = new ArrayList<>();

    @BeforeAll
    static void read() throws Exception {
        root = Descriptors.repositoryRoot();
        dashboard = JsonMapper.builder().build().readTree(root.resolve("infra/deploy/grafana/dashboards/aoi.json").toFile());
        collect(dashboard.get("panels"));
    }

    private static void collect(JsonNode panels) {
        for (JsonNode panel : panels) {
            if (panel.has("targets")) {
                panel.get("targets").forEach(targets::add);
            }
            if (panel.has("panels")) {
                collect(panel.get("panels"));
            }
        }
    }

    @Test
    void everyMetricQueriedIsOneAServiceExports() {
        Set<String> exported = new TreeSet<>(LIBRARY_METRICS);
        for (String module : Services.MODULES) {
            exported.addAll(ServiceSources.of(root, module).prometheusMetrics());
        }
        Set<String> queried = new LinkedHashSet<>();
        for (JsonNode t : targets) {
            if (t.has("expr")) {
                queried.addAll(metricNames(t.get("expr").asString()));
            }
        }
        assertThat(queried).as("metrics the dashboard queries").hasSizeGreaterThan(10);
        List<String> unknown = queried.stream()
                .filter(m -> !exported.contains(m) && LIBRARY_PREFIXES.stream().noneMatch(m::startsWith)).toList();
        assertThat(unknown).as("metrics the dashboard queries that no service exports (exported: %s)", exported).isEmpty();
    }

    @Test
    void itShowsTheFlowTheFaultsTheDefectsAndTheDatabase() {
        String all = dashboard.toString();
        assertThat(all).contains("aoi_worker_frames_out_total", "aoi_worker_inspect_time_seconds_bucket",
                "kafka_consumer_fetch_manager_records_lag", "dead_letters_total", "aoi_persister_rows_written_total",
                "class_name");
        assertThat(targets).anySatisfy(t -> assertThat(t.path("rawSql").asString()).contains("ORDER BY defects DESC"));
    }

    @Test
    void everyDatasourceIsProvisionedAndEverySqlTableExists() throws Exception {
        String provisioning = ServiceSources.read(root.resolve("infra/deploy/grafana/provisioning/datasources/aoi.yaml"));
        Set<String> tables = migrationTables();
        for (JsonNode t : targets) {
            String uid = t.path("datasource").path("uid").asString();
            assertThat(provisioning).as("datasource %s is provisioned", uid).contains("uid: " + uid);
            if (t.has("rawSql")) {
                Matcher m = Pattern.compile("(?i)\\b(?:FROM|JOIN)\\s+([a-z_][a-z0-9_]*)").matcher(t.get("rawSql").asString());
                while (m.find()) {
                    assertThat(tables).as("table %s in the persister's migrations", m.group(1)).contains(m.group(1).toLowerCase());
                }
            }
        }
    }

    private static Set<String> migrationTables() throws Exception {
        Set<String> tables = new TreeSet<>();
        Path dir = root.resolve("persister/src/main/resources/db/migration");
        assertThat(dir).as("the persister's Flyway migrations").isDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Matcher m = Pattern.compile("(?i)CREATE TABLE\\s+(?:IF NOT EXISTS\\s+)?([a-z_][a-z0-9_]*)").matcher(Files.readString(f));
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase());
                }
            }
        }
        return tables;
    }

    /** The metric names in a PromQL expression: identifiers that are not functions, keywords, labels or variables. */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\w+", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()").matcher(s);
        while (m.find()) {
            if (!PROMQL_WORDS.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void promqlMetricNamesAreFoundInExpressions() {
        assertThat(metricNames("histogram_quantile(0.95, sum by (le) (rate(a_seconds_bucket{x=\"y\"}[$__rate_interval])))"))
                .containsExactly("a_seconds_bucket");
        assertThat(metricNames("sum(rate(a_total[1m])) / sum(rate(b_count[5m])) + process_cpu_usage"))
                .containsExactly("a_total", "b_count", "process_cpu_usage");
        assertThat(Map.of("x", ServiceSources.exported("Timer", "aoi.worker.inspect.time", null)).get("x"))
                .contains("aoi_worker_inspect_time_seconds_bucket");
    }
}
