package dev.aoi.worker.inspect;

/** Receives how long each stage of a frame's inspection took; the service turns it into histograms. */
@FunctionalInterface
public interface StageTimer {

    /** The stages of {@link FrameInspector}: decode is per frame, inference per batch, measure and render per frame. */
    enum Stage {
        DECODE, INFERENCE, MEASURE, RENDER
    }

    /** Times nothing (the offline CLI and the benchmarks). */
    StageTimer NONE = (stage, nanos) -> {
    };

    void record(Stage stage, long nanos);
}
