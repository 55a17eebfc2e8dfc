package dev.aoi.infra.demo;

import java.nio.file.Path;

/** What {@code ./aoi demo} runs: how many frames, how many workers, which model, and whether to keep the stack. */
record DemoSettings(int frames, int workers, double rate, Path model, boolean keep, long seed, int timeoutSeconds) {

    DemoSettings {
        if (frames < 1) {
            throw new IllegalArgumentException("--frames must be at least 1");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1");
        }
    }
}
