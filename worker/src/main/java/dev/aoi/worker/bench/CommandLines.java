package dev.aoi.worker.bench;

import java.io.PrintWriter;
import picocli.CommandLine;

/** How the worker's command-line tools run a picocli command: {@code --help} exits 0, a bad option 2 with one line. */
public final class CommandLines {

    private CommandLines() {
    }

    /** Runs {@code command} on {@code args} and returns the exit code. */
    public static int execute(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setParameterExceptionHandler((e, rest) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(e.getCommandLine().getCommandName() + ": " + e.getMessage() + " (see --help)");
            err.flush();
            return 2;
        });
        return cli.execute(args);
    }
}
