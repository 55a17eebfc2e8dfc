package dev.aoi.producer;

import dev.aoi.producer.replay.ReplayImagesCommand;
import dev.aoi.producer.simulate.SimulateCommand;
import picocli.CommandLine.Command;

/** The producer jar's commands, as {@code ./aoi} names them; each runs without Spring. */
@Command(name = "./aoi", mixinStandardHelpOptions = true,
        description = "The producer's commands (without one, the jar runs the ingest service).",
        subcommands = {SimulateCommand.class, ProducerCommands.Replay.class})
public final class ProducerCommands {

    /** {@code ./aoi replay ...}: the producer holds {@code replay images}; {@code replay results} is the persister's. */
    @Command(name = "replay", mixinStandardHelpOptions = true, description = "Reprocess history from the topics.",
            subcommands = ReplayImagesCommand.class)
    static final class Replay {
    }
}
