package dev.aoi.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.cli.Commands;
import dev.aoi.infra.bench.DecouplingCommand;
import dev.aoi.infra.demo.DemoCommand;
import dev.aoi.infra.stack.LocalStackMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** ./aoi stack, demo and bench decoupling: --help exits 0 naming ./aoi, a bad option or value exits 2 in one line. */
class InfraCommandsTest {

    private record Case(String name, Supplier<Object> command, List<String> badValue, String badValueMessage) {
    }

    private static final List<Case> CASES = List.of(
            new Case("./aoi stack", LocalStackMain::new, List.of("--exit-after-start=maybe"), "Invalid value"),
            new Case("./aoi demo", DemoCommand::new, List.of("--frames", "0"), "--frames must be at least 1"),
            new Case("./aoi bench decoupling", DecouplingCommand::new, List.of("--frames", "10"),
                    "--frames must be at least 20"));

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Object command, List<String> args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine line = Commands.commandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args.toArray(String[]::new));
    }

    @Test
    void helpExitsZeroWithTheScriptsName() {
        for (Case c : CASES) {
            assertThat(run(c.command().get(), List.of("--help"))).as(c.name()).isZero();
            assertThat(out.toString()).as(c.name()).startsWith("Usage: " + c.name() + " ").contains("--help");
            assertThat(err.toString()).isEmpty();
        }
    }

    @Test
    void aBadOptionExitsTwoWithOneLine() {
        for (Case c : CASES) {
            assertThat(run(c.command().get(), List.of("--no-such-option"))).as(c.name()).isEqualTo(2);
            assertThat(err.toString().lines()).as(c.name()).singleElement().asString()
                    .startsWith(c.name() + ": Unknown option: '--no-such-option'");
            assertThat(out.toString()).isEmpty();
        }
    }

    @Test
    void aRefusedValueExitsTwoWithOneLineBeforeAnythingStarts() {
        for (Case c : CASES) {
            assertThat(run(c.command().get(), c.badValue())).as(c.name()).isEqualTo(2);
            assertThat(err.toString().lines()).as(c.name()).singleElement().asString()
                    .startsWith(c.name() + ": ").contains(c.badValueMessage());
        }
    }
}
