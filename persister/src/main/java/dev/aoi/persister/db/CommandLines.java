package dev.aoi.persister.db;

import dev.aoi.persister.lifecycle.Month;
import picocli.CommandLine;

/**
 * The persister's picocli conventions: {@code --help} prints the usage (naming {@code ./aoi ...}) and exits 0; a
 * bad option or argument prints one line to stderr and exits 2; a failure while running prints one line (the
 * message of its cause) and exits 1.
 */
public final class CommandLines {

    private CommandLines() {
    }

    public static CommandLine of(Object command) {
        CommandLine cli = new CommandLine(command);
        cli.registerConverter(Month.class, Month::parse);
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(e.getCommandLine().getCommandSpec().qualifiedName() + ": "
                    + e.getMessage() + " (--help shows the usage)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
                root = root.getCause();
            }
            line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + root.getMessage());
            return 1;
        });
        return cli;
    }
}
