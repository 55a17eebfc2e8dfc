package dev.aoi.infra.demo;

import dev.aoi.infra.process.ModelOption;
import dev.aoi.infra.process.ServiceProcess;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code ./aoi demo}. */
@Command(name = "./aoi demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The whole pipeline on this machine: a real Kafka broker and PostgreSQL, the persister and the",
                "workers each in its own JVM, the synthetic camera; then a summary read back from the database.",
                "Exits 0 only if every frame was stored with one row per class."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--frames", paramLabel = "N", defaultValue = "200", description = "frames the camera sends (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--workers", paramLabel = "W", defaultValue = "1", description = "worker processes (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--rate", paramLabel = "FPS", defaultValue = "0",
            description = "the camera's frames per second; 0 = as fast as it renders (default: ${DEFAULT-VALUE})")
    double rate;

    @Mixin
    ModelOption model;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "7", description = "the camera's seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "480",
            description = "give up when not every frame is stored by then (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--keep", description = "leave everything running to explore; Ctrl-C stops it")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        Path root = ServiceProcess.repositoryRoot();
        Path modelFile = model.resolve(root);
        return DemoMain.run(root, new DemoSettings(frames, workers, rate, modelFile, keep, seed, timeoutSeconds));
    }
}
