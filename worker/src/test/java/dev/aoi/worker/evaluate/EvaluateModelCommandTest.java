package dev.aoi.worker.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.cli.Commands;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EvaluateModelCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine line = Commands.commandLine(new EvaluateModelCommand());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void helpNamesTheScript() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: ./aoi evaluate-model ").contains("--model", "--frames", "--json");
    }

    @Test
    void mistakesAreOneLineAndExitTwo() {
        assertThat(run("--model", "m.onnx", "--bogus")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
        assertThat(run("--model", "no/such/model.onnx")).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("./aoi evaluate-model: "));
        assertThat(err.toString()).contains("Unknown option: '--bogus'", "Missing required option", "no model file at");
    }
}
