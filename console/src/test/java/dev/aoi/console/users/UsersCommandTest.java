package dev.aoi.console.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.console.review.ExportCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command lines' manners without a database: usage naming ./aoi, --help exits 0, mistakes exit 2 in one line. */
class UsersCommandTest {

    private record Run(int code, String out, String err) {
    }

    private static Run users(String... args) {
        CommandLine cli = UsersCommand.commandLine(() -> {
            throw new AssertionError("no database for a usage check");
        }, user -> "unused-password");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpNamesTheScriptAndExitsZero() {
        Run top = users("--help");
        assertThat(top.code()).isZero();
        assertThat(top.out()).startsWith("Usage: ./aoi users").contains("add", "passwd", "disable", "list");
        Run add = users("add", "--help");
        assertThat(add.code()).isZero();
        assertThat(add.out()).startsWith("Usage: ./aoi users add").contains("--role").doesNotContain("--password");
    }

    @Test
    void mistakesExitTwoWithOneLineAndAPasswordIsNeverAnArgument() {
        for (String[] args : new String[][] {{"add", "ann"}, {"add", "ann", "--role", "reviewer", "secret-pass-1"},
            {"add", "ann", "--role", "reviewer", "--password", "secret-pass-1"}, {"--bogus"}, {"passwd"}}) {
            Run run = users(args);
            assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().lines()).as(String.join(" ", args)).singleElement().asString()
                    .startsWith("./aoi users");
        }
    }

    @Test
    void exportHelpAndMistakes() {
        assertThat(ExportCommand.run(new String[] {"reviews", "--help"}, Map.of())).isZero();
        assertThat(ExportCommand.run(new String[] {"reviews", "--from", "2026-11-01"}, Map.of())).isEqualTo(2);
        assertThat(ExportCommand.run(new String[] {"reviews", "--from", "yesterday", "--to", "2026-11-02", "--out",
            "x"}, Map.of())).isEqualTo(2);
    }
}
