package dev.aoi.persister.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.persister.db.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./aoi replay results} and {@code ./aoi bench persister}: help and one-line errors, without services. */
class ReplayResultsCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine cli = CommandLines.of(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpAndBadOptions() {
        assertThat(run(new ReplayResultsCommand(), "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: ./aoi replay results ").contains("--from", "--dry-run");
        assertThat(run(new ReplayResultsCommand())).isEqualTo(2);
        assertThat(err.toString().strip()).contains("--from").doesNotContain("\n");
        err.getBuffer().setLength(0);
        assertThat(run(new ReplayResultsCommand(), "--from", "yesterday")).isEqualTo(2);
        assertThat(err.toString().strip()).contains("not a date").doesNotContain("\n");
        err.getBuffer().setLength(0);
        assertThat(run(new ReplayResultsCommand(), "--from", "2026-11-02", "--to", "2026-11-01")).isEqualTo(2);
        assertThat(err.toString().strip()).contains("--to must be after --from").doesNotContain("\n");
    }
}
