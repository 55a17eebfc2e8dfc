package dev.aoi.persister.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line of {@code ./aoi db}: help, and one-line errors for bad options, without a database. */
class DbCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = DbCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpExitsZeroWithAUsageNamingTheAoiScript() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: ./aoi db ").contains("partitions", "policy", "archive", "migrate");
        out.getBuffer().setLength(0);
        assertThat(run("archive", "restore", "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: ./aoi db archive restore ").contains("MONTH");
        out.getBuffer().setLength(0);
        assertThat(run("policy", "set", "--help")).isZero();
        assertThat(out.toString()).contains("--retention-days", "--[no-]archive", "--location");
    }

    @Test
    void badOptionsExitTwoWithOneLine() {
        assertThat(run("partitions", "--ahead", "many")).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("./aoi db partitions: ").doesNotContain("\n");
        err.getBuffer().setLength(0);
        assertThat(run("archive", "restore", "2026-13")).isEqualTo(2);
        assertThat(err.toString().strip()).contains("YYYY-MM").doesNotContain("\n");
        err.getBuffer().setLength(0);
        assertThat(run("policy", "set", "results", "--retention-days", "30", "--keep-forever")).isEqualTo(2);
        assertThat(err.toString().strip()).contains("mutually exclusive").doesNotContain("\n");
        err.getBuffer().setLength(0);
        assertThat(run("downgrade")).isEqualTo(2);
        assertThat(err.toString().strip()).contains("--to").doesNotContain("\n");
    }
}
