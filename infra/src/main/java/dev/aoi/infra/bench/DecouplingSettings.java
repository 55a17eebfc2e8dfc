package dev.aoi.infra.bench;

import java.nio.file.Path;

/** What {@code ./aoi bench decoupling} runs: frames per phase, the database delay, workers, frame size, output. */
record DecouplingSettings(int frames, long delayMs, int workers, int frameSize, int segmentSeconds, long seed,
        Path model, Path json, int timeoutSeconds) {

    DecouplingSettings {
        if (frames < 20) {
            throw new IllegalArgumentException("--frames must be at least 20 (the first tenth is warm-up)");
        }
        if (delayMs < 0) {
            throw new IllegalArgumentException("--delay-ms cannot be negative (0 leaves the delay off in every segment: a control)");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1");
        }
        if (segmentSeconds < 2) {
            throw new IllegalArgumentException("--segment-s must be at least 2");
        }
        if (frameSize < 64) {
            throw new IllegalArgumentException("--frame-size must be at least 64 pixels");
        }
    }
}
