package dev.aoi.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.DatabaseUrl;
import dev.aoi.infra.postgres.JdbcDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./aoi stack}: prints working settings, and SIGTERM leaves no process behind. */
class LocalStackMainIT {

    @TempDir
    Path home;

    @Test
    void printsWorkingSettingsAndStopsCleanlyOnSigterm() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "AOI_HOME", home.toString(),
                "AOI_KAFKA_PORT", Integer.toString(freePort()),
                "AOI_KAFKA_CONTROLLER_PORT", Integer.toString(freePort()),
                "AOI_PG_PORT", Integer.toString(freePort())));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daoi.kafka.lib=" + System.getProperty("aoi.kafka.lib"),
                "-cp", System.getProperty("java.class.path"), LocalStackMain.class.getName())
                .redirectErrorStream(true);
        pb.environment().remove("DATABASE_URL");
        pb.environment().putAll(env);
        Process stack = pb.start();
        try {
            Map<String, String> settings = readSettings(stack);
            String bootstrap = settings.get("KAFKA_BOOTSTRAP_SERVERS");
            assertThat(bootstrap).isEqualTo("127.0.0.1:" + env.get("AOI_KAFKA_PORT"));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                Map<String, TopicDescription> topics = admin.describeTopics(
                        List.of("aoi.images", "aoi.results", "aoi.images.DLT", "aoi.results.DLT"))
                        .allTopicNames().get(30, TimeUnit.SECONDS);
                assertThat(topics.get("aoi.images").partitions()).hasSize(12);
                assertThat(topics).hasSize(4);
            }
            JdbcDatabase db = JdbcDatabase.of(DatabaseUrl.parse(settings.get("DATABASE_URL")));
            try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("aoi");
            }
            assertThat(Files.readString(home.resolve("stack.env"))).contains(bootstrap);
            // the console's own login: in aoi_console (so aoi_reader) only, its password only in the owner-readable
            // stack.env
            Map<String, String> stackEnv = new java.util.HashMap<>();
            Files.readAllLines(home.resolve("stack.env")).forEach(l -> stackEnv.put(l.split("=", 2)[0], l.split("=", 2)[1]));
            assertThat(java.nio.file.Files.getPosixFilePermissions(home.resolve("stack.env")))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            JdbcDatabase console = new JdbcDatabase(db.url(), stackEnv.get("AOI_CONSOLE_DB_USER"),
                    stackEnv.get("AOI_CONSOLE_DB_PASSWORD"));
            try (Connection c = console.connect(); ResultSet rs = c.createStatement().executeQuery(
                    "SELECT pg_has_role(current_user, 'aoi_reader', 'member')"
                            + " AND pg_has_role(current_user, 'aoi_console', 'member'), rolsuper OR rolcreaterole OR rolcreatedb"
                            + " FROM pg_roles WHERE rolname = current_user")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("member of aoi_console and so of aoi_reader").isTrue();
                assertThat(rs.getBoolean(2)).as("no superuser or role/database creation").isFalse();
            }

            Set<ProcessHandle> children = Set.copyOf(stack.descendants().toList());
            assertThat(children).isNotEmpty();
            stack.destroy(); // SIGTERM
            assertThat(stack.waitFor(60, TimeUnit.SECONDS)).as("stack exits after SIGTERM").isTrue();
            for (ProcessHandle child : children) {
                child.onExit().get(30, TimeUnit.SECONDS);
                assertThat(child.isAlive()).as("child %s stopped", child.pid()).isFalse();
            }
            assertThat(home.resolve("stack.env")).doesNotExist();
        } finally {
            stack.descendants().forEach(ProcessHandle::destroyForcibly);
            stack.destroyForcibly();
        }
    }

    private static Map<String, String> readSettings(Process stack) throws Exception {
        Map<String, String> settings = new HashMap<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            int eq = line.indexOf('=');
            if (eq > 0 && (line.startsWith("KAFKA_") || line.startsWith("DATABASE_"))) {
                settings.put(line.substring(0, eq), line.substring(eq + 1));
            }
            if (line.contains("Press Ctrl-C")) {
                return settings;
            }
        }
        throw new AssertionError("the stack did not print its settings within a minute:\n" + seen);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
