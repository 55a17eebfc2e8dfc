package dev.aoi.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.cli.Commands;
import dev.aoi.common.cli.Commands.Outcome;
import dev.aoi.infra.bench.DecouplingCommand;
import dev.aoi.infra.demo.DemoCommand;
import dev.aoi.infra.stack.LocalStackMain;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** ./aoi stack, demo and bench decoupling: --help exits 0 naming ./aoi, a bad option or value exits 2 in one line. */
class InfraCommandsTest {

    private record Case(String name, Supplier<Object> command, List<String> badValue, String badValueMessage) {
    }

    private static final List<Case> CASES = List.of(
            new Case("./aoi stack", LocalStackMain::new, List.of("--exit-after-start=maybe"), "Invalid value"),
            new Case("./aoi demo", DemoCommand::new, List.of("--frames", "0"), "--frames must be at least 1"),
            new Case("./aoi bench decoupling", DecouplingCommand::new, List.of("--frames", "10"),
                    "--frames must be at least 20"));

    private static Outcome run(Object command, List<String> args) {
        return Commands.capture(command, args.toArray(String[]::new));
    }

    @Test
    void helpExitsZeroWithTheScriptsName() {
        for (Case c : CASES) {
            Outcome run = run(c.command().get(), List.of("--help"));
            assertThat(run.exitCode()).as(c.name()).isZero();
            assertThat(run.out()).as(c.name()).startsWith("Usage: " + c.name() + " ").contains("--help");
            assertThat(run.err()).isEmpty();
        }
    }

    @Test
    void aBadOptionExitsTwoWithOneLine() {
        for (Case c : CASES) {
            Outcome run = run(c.command().get(), List.of("--no-such-option"));
            assertThat(run.exitCode()).as(c.name()).isEqualTo(2);
            assertThat(run.err().lines()).as(c.name()).singleElement().asString()
                    .startsWith(c.name() + ": Unknown option: '--no-such-option'");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void aRefusedValueExitsTwoWithOneLineBeforeAnythingStarts() {
        for (Case c : CASES) {
            Outcome run = run(c.command().get(), c.badValue());
            assertThat(run.exitCode()).as(c.name()).isEqualTo(2);
            assertThat(run.err().lines()).as(c.name()).singleElement().asString()
                    .startsWith(c.name() + ": ").contains(c.badValueMessage());
        }
    }
}
