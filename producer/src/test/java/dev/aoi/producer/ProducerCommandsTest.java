package dev.aoi.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.cli.Commands;
import dev.aoi.common.cli.Commands.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command of the producer jar answers --help with exit 0 and a usage naming ./aoi, and a bad option with 2. */
class ProducerCommandsTest {

    private static Outcome run(List<String> command, String... more) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of(more));
        return Commands.capture(new ProducerCommands(), args.toArray(String[]::new));
    }

    @Test
    void everyCommandAnswersHelpAndRefusesABadOption() {
        List<List<String>> commands = new ArrayList<>();
        collect(Commands.commandLine(new ProducerCommands()), List.of(), commands);
        assertThat(commands).contains(List.of("simulate"), List.of("replay"), List.of("replay", "images"));
        for (List<String> command : commands) {
            String name = "./aoi " + String.join(" ", command);
            Outcome help = run(command, "--help");
            assertThat(help.exitCode()).as(name + " --help").isZero();
            assertThat(help.out()).as(name + " usage").startsWith("Usage: " + name + " ");
            assertThat(help.err()).isEmpty();

            Outcome bad = run(command, "--no-such-option");
            assertThat(bad.exitCode()).as(name + " --no-such-option").isEqualTo(2);
            assertThat(bad.err().lines()).as(name + " error").singleElement().asString()
                    .startsWith(name + ": Unknown option: '--no-such-option'");
            assertThat(bad.out()).isEmpty();
        }
    }

    @Test
    void badValuesAreOneLineUsageErrors() {
        Map<List<String>, String> cases = Map.of(
                List.of("replay", "images", "--from", "last tuesday"), "not a date or ISO-8601 instant: last tuesday",
                List.of("replay", "images", "--from", "2026-11-02", "--to", "2026-11-01"),
                "--to (2026-11-01T00:00:00Z) must be after --from",
                List.of("simulate", "--frames", "many"), "--frames",
                List.of("simulate", "--publish"), "--publish needs --image-root DIR",
                List.of("simulate"), "give --out DIR",
                List.of("replay"), "Missing required subcommand");
        cases.forEach((args, message) -> {
            Outcome run = run(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().lines()).singleElement().asString().contains(message);
        });
    }

    private static void collect(CommandLine line, List<String> path, List<List<String>> into) {
        line.getSubcommands().forEach((name, sub) -> {
            List<String> next = new ArrayList<>(path);
            next.add(name);
            into.add(next);
            collect(sub, next, into);
        });
    }
}
