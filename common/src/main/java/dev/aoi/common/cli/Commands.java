package dev.aoi.common.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * How every {@code ./aoi} command runs: picocli parses the options; {@code --help} prints the usage (which names
 * {@code ./aoi ...}) and exits 0; a bad option, a missing one or a value the command refuses prints one line to
 * stderr and exits 2; otherwise the command's own exit code.
 */
public final class Commands {

    /** Exit code of a usage error. */
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    private Commands() {
    }

    /** Parses {@code args} into {@code command} and runs it; returns the exit code. */
    public static int run(Object command, String... args) {
        return commandLine(command).execute(args);
    }

    /** What a command run in-process returned and printed. */
    public record Outcome(int exitCode, String out, String err) {
    }

    /** Runs {@code command} like {@link #run} but keeps what it prints to its out and err streams. */
    public static Outcome capture(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = commandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = line.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** The command line with this project's conventions, for callers that want to set its streams. */
    public static CommandLine commandLine(Object command) {
        CommandLine line = new CommandLine(command);
        line.setParameterExceptionHandler((e, args) -> usageError(e.getCommandLine(), firstProblem(e)));
        line.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                // a value the command refused after parsing, e.g. "--frames must be at least 1"
                return usageError(failed, e.getMessage());
            }
            throw e;
        });
        return line;
    }

    /** A mistyped option explains a "missing" one that follows from it, so it is named first. */
    private static String firstProblem(CommandLine.ParameterException e) {
        CommandLine.ParseResult parsed = e.getCommandLine().getParseResult();
        if (!(e instanceof CommandLine.UnmatchedArgumentException) && parsed != null && !parsed.unmatched().isEmpty()) {
            return "Unknown option: '" + parsed.unmatched().get(0) + "'";
        }
        return e.getMessage();
    }

    private static int usageError(CommandLine line, String message) {
        PrintWriter err = line.getErr();
        err.println(line.getCommandSpec().qualifiedName() + ": " + message + " (--help shows the options)");
        err.flush();
        return USAGE;
    }
}
