package dev.aoi.persister.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.persister.db.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchOptionsTest {

    @Test
    void helpNamesTheAoiCommandAndBadOptionsAreOneLineWithExitTwo() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CommandLines.of(new BenchOptions());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: ./aoi bench persister ").contains("--retention-rows");
        assertThat(cli.execute("--images", "lots")).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("./aoi bench persister: ").doesNotContain("\n");
        err.getBuffer().setLength(0);
        assertThat(cli.execute("--images", "0")).isEqualTo(2);
        assertThat(err.toString().strip()).contains(">= 1").doesNotContain("\n");
    }
}
