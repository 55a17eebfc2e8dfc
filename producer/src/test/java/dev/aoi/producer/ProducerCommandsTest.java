package dev.aoi.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.cli.Commands;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command of the producer jar answers --help with exit 0 and a usage naming ./aoi, and a bad option with 2. */
class ProducerCommandsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine line = Commands.commandLine(new ProducerCommands());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void everyCommandAnswersHelpAndRefusesABadOption() {
        List<List<String>> commands = new ArrayList<>();
        collect(Commands.commandLine(new ProducerCommands()), List.of(), commands);
        assertThat(commands).contains(List.of("simulate"), List.of("replay"), List.of("replay", "images"));
        for (List<String> command : commands) {
            String name = String.join(" ", List.of("./aoi", String.join(" ", command))).strip();
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            assertThat(run(with(command, "--help"))).as(name + " --help").isZero();
            assertThat(out.toString()).as(name + " usage").startsWith("Usage: " + name + " ");
            assertThat(err.toString()).isEmpty();

            out.getBuffer().setLength(0);
            assertThat(run(with(command, "--no-such-option"))).as(name + " --no-such-option").isEqualTo(2);
            assertThat(err.toString().lines()).as(name + " error").singleElement().asString()
                    .startsWith(name + ": Unknown option: '--no-such-option'");
            assertThat(out.toString()).isEmpty();
        }
    }

    @Test
    void badValuesAreOneLineUsageErrors() {
        assertThat(run("replay", "images", "--from", "last tuesday")).isEqualTo(2);
        assertThat(run("replay", "images", "--from", "2026-11-02", "--to", "2026-11-01")).isEqualTo(2);
        assertThat(run("simulate", "--frames", "many")).isEqualTo(2);
        assertThat(run("simulate", "--publish")).isEqualTo(2);
        assertThat(run("simulate")).isEqualTo(2);
        assertThat(run("replay")).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(6)
                .anySatisfy(l -> assertThat(l).contains("not a date or ISO-8601 instant: last tuesday"))
                .anySatisfy(l -> assertThat(l).contains("--to (2026-11-01T00:00:00Z) must be after --from"))
                .anySatisfy(l -> assertThat(l).contains("--publish needs --image-root DIR"));
    }

    private static void collect(CommandLine line, List<String> path, List<List<String>> into) {
        line.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                into.add(next);
                collect(sub, next, into);
            }
        });
    }

    private static String[] with(List<String> command, String option) {
        List<String> args = new ArrayList<>(command);
        args.add(option);
        return args.toArray(String[]::new);
    }
}
