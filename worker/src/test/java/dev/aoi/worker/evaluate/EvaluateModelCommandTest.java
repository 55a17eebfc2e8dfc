package dev.aoi.worker.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.cli.Commands;
import dev.aoi.common.cli.Commands.Outcome;
import org.junit.jupiter.api.Test;

class EvaluateModelCommandTest {

    @Test
    void helpNamesTheScript() {
        Outcome run = Commands.capture(new EvaluateModelCommand(), "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: ./aoi evaluate-model ").contains("--model", "--frames", "--json");
    }

    @Test
    void mistakesAreOneLineAndExitTwo() {
        String[][] cases = {{"--model", "m.onnx", "--bogus"}, {}, {"--model", "no/such/model.onnx"}};
        String[] messages = {"Unknown option: '--bogus'", "Missing required option", "no model file at"};
        for (int i = 0; i < cases.length; i++) {
            Outcome run = Commands.capture(new EvaluateModelCommand(), cases[i]);
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().lines()).singleElement().asString()
                    .startsWith("./aoi evaluate-model: ").contains(messages[i]);
        }
    }
}
