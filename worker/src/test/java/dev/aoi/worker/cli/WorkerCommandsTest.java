package dev.aoi.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.cli.Commands;
import dev.aoi.common.cli.Commands.Outcome;
import dev.aoi.worker.bench.BenchCommand;
import dev.aoi.worker.bench.DecodeBenchCommand;
import dev.aoi.worker.bench.MeasureBenchmark;
import dev.aoi.worker.bench.SoakCommand;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The worker jar's command-line manners, for every command that runs on picocli through {@link Commands}: {@code
 * --help} exits 0 with a usage naming the {@code ./aoi} command, a bad option or a refused value is one line on
 * stderr and exit 2. Nothing here loads a model or runs a benchmark.
 */
class WorkerCommandsTest {

    /** A command as the user types it, and a fresh instance of it (picocli fills the fields of the object). */
    private record Case(String name, Supplier<Object> command, List<String> options, String[] refused) {
    }

    private static final List<Case> COMMANDS = List.of(
            new Case("./aoi inspect", InspectCommand::new, List.of("--model", "--out", "--images", "--device",
                    "IMAGE|FOLDER|@LIST", "Exit status"), new String[] {"--model", "m.onnx"}),
            new Case("./aoi bench measure", MeasureBenchmark::new,
                    List.of("--json", "--runs", "--warmup", "--baseline-runs", "--baseline-runs-2000"),
                    new String[] {"--runs", "0"}),
            new Case("./aoi bench soak", SoakCommand::new, List.of("--model", "--frames", "--size", "--batch",
                    "--device", "--json"), new String[] {"--frames", "0"}),
            new Case("./aoi bench decode", DecodeBenchCommand::new, List.of("--size", "--runs", "--json"),
                    new String[] {"--runs", "0"}));

    @Test
    void help_exits_0_with_a_usage_naming_the_aoi_command() {
        for (Case c : COMMANDS) {
            for (String help : List.of("--help", "-h")) {
                Outcome run = Commands.capture(c.command().get(), help);
                assertThat(run.exitCode()).as(c.name() + " " + help).isZero();
                assertThat(run.out()).as(c.name()).startsWith("Usage: " + c.name() + " ").contains(c.options());
                assertThat(run.err()).as(c.name()).isEmpty();
            }
        }
    }

    @Test
    void a_bad_option_exits_2_with_one_line_naming_it() {
        for (Case c : COMMANDS) {
            Outcome run = Commands.capture(c.command().get(), "--frobnicate");
            assertThat(run.exitCode()).as(c.name()).isEqualTo(2);
            assertThat(run.err().lines()).as(c.name()).singleElement().asString()
                    .startsWith(c.name() + ": ").contains("'--frobnicate'");
            assertThat(run.out()).as(c.name()).isEmpty();
        }
    }

    @Test
    void a_value_the_command_refuses_exits_2_with_one_line() {
        for (Case c : COMMANDS) {
            Outcome run = Commands.capture(c.command().get(), c.refused());
            assertThat(run.exitCode()).as(c.name() + " " + String.join(" ", c.refused())).isEqualTo(2);
            assertThat(run.err().lines()).as(c.name()).singleElement().asString().startsWith(c.name() + ": ");
        }
        Outcome zeroBatch = Commands.capture(new InspectCommand(), "--model", "m.onnx", "--batch", "0",
                System.getProperty("java.io.tmpdir") + "/none.png");
        assertThat(zeroBatch.exitCode()).isEqualTo(2);
        assertThat(zeroBatch.err().lines()).as("named as the option, not the service's setting").singleElement()
                .asString().contains("--batch must be at least 1");
        Outcome notANumber = Commands.capture(new SoakCommand(), "--frames", "many");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err().lines()).singleElement().asString().contains("--frames", "many");
    }

    @Test
    void bench_without_a_known_benchmark_is_a_usage_error_and_its_help_is_not() {
        assertThat(BenchCommand.run("--help")).isZero();
        assertThat(BenchCommand.run("nonsense")).isEqualTo(2);
        assertThat(BenchCommand.run()).isEqualTo(2);
    }
}
