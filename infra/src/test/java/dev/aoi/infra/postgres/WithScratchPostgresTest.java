package dev.aoi.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The launcher {@code ./aoi bench persister} runs when it is given no database, as a process of its own. */
class WithScratchPostgresTest {

    @Test
    void theChildSeesAServerInDatabaseUrlAndItsExitCodeIsTheLaunchers() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        // the child proves the server answers: it connects to DATABASE_URL and reports what it found
        Process p = new ProcessBuilder(List.of(java, "-cp", classpath, WithScratchPostgres.class.getName(), java,
                "-cp", classpath, Probe.class.getName())).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains("probe: on postgresql://postgres@127.0.0.1:", "fsync=on");
        assertThat(p.exitValue()).as(out).isEqualTo(7);
    }

    /** The child: connects to DATABASE_URL, prints what it found, exits 7. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            String url = System.getenv("DATABASE_URL"); // postgresql://postgres@127.0.0.1:PORT/postgres
            String jdbc = "jdbc:postgresql://" + url.substring(url.indexOf('@') + 1);
            try (Connection c = DriverManager.getConnection(jdbc, "postgres", null);
                    var rs = c.createStatement().executeQuery("SHOW fsync")) {
                rs.next();
                System.out.println("probe: on " + url + " fsync=" + rs.getString(1));
            }
            System.exit(7);
        }
    }
}
