package dev.aoi.producer;

import dev.aoi.common.CliLogging;
import dev.aoi.common.cli.Commands;
import java.util.Set;

/**
 * Entry point of the producer: no arguments (or only {@code --spring.options}) runs the ingest service (HTTP, and the
 * watch folder when configured); a first argument names a subcommand that runs without Spring.
 */
public final class ProducerMain {

    private static final Set<String> HELP = Set.of("--help", "-h");

    private ProducerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || (args[0].startsWith("--") && !HELP.contains(args[0]))) {
            ProducerApplication.run(args);
            return;
        }
        CliLogging.toStderr();
        System.exit(Commands.run(new ProducerCommands(), args));
    }
}
