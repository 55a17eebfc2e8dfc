package dev.aoi.infra.bench;

import dev.aoi.infra.process.ModelOption;
import dev.aoi.infra.process.ServiceProcess;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code ./aoi bench decoupling}. The defaults fit a whole run in about four minutes on two busy
 * cores: 512x512 frames (the model is fully convolutional; one worker does about 17 frames/s at that size, so
 * results arrive faster than one 200 ms transaction each could store) and 2000 frames, about 100 s of steady work
 * cut into 4 s segments: short ones, so that a burst of other load on the machine falls on both conditions alike.
 */
@Command(name = "./aoi bench decoupling", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Does a slow database slow the workers down? The same worker and persister run with every",
                "database transaction delayed and without, alternated in short segments of one run."})
public final class DecouplingCommand implements Callable<Integer> {

    @Option(names = "--frames", paramLabel = "N", defaultValue = "2000", description = "frames in the run (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--delay-ms", paramLabel = "MS", defaultValue = "200",
            description = "added to every database transaction in the delayed segments (default: ${DEFAULT-VALUE})")
    long delayMs;

    @Option(names = "--workers", paramLabel = "W", defaultValue = "1", description = "worker processes (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--frame-size", paramLabel = "PX", defaultValue = "512", description = "frame side (default: ${DEFAULT-VALUE})")
    int frameSize;

    @Option(names = "--segment-s", paramLabel = "S", defaultValue = "4",
            description = "seconds per segment before the condition flips (default: ${DEFAULT-VALUE})")
    int segmentSeconds;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "7", description = "the camera's seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    ModelOption model;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300", description = "give up after (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--json", paramLabel = "FILE", description = "write the results as JSON")
    Path json;

    @Override
    public Integer call() throws Exception {
        Path root = ServiceProcess.repositoryRoot();
        Path modelFile = model.resolve(root);
        return DecouplingBench.run(root, new DecouplingSettings(frames, delayMs, workers, frameSize, segmentSeconds,
                seed, modelFile, json == null ? null : json.toAbsolutePath(), timeoutSeconds));
    }
}
