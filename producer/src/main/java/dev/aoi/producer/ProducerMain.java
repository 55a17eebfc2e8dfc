package dev.aoi.producer;

import dev.aoi.common.CliLogging;
import dev.aoi.common.cli.Commands;
import dev.aoi.producer.simulate.EvaluateModelCommand;
import java.util.Arrays;
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
        if (args[0].equals("evaluate-model")) {
            System.exit(EvaluateModelCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(Commands.run(new ProducerCommands(), args));
    }

}
