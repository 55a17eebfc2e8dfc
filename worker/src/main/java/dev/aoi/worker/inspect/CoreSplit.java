package dev.aoi.worker.inspect;

/**
 * How a worker shares its cores between the model and the CPU side (decode, measure, render), when the settings
 * leave it to the worker (0 = automatic).
 *
 * <p>With the model on the CPU, half the cores (at least one) decode, and ONNX Runtime gets the rest (at least one)
 * as intra-op threads: each side about a core of its own instead of every pool as wide as the machine. Measured
 * with {@code ./aoi bench worker} on 2 cores, 1792² frames, 5 rounds each: one decode thread, one render thread
 * and one intra-op thread gave 10.9–12.9 frames/s and 50–56 ms of CPU outside the model per frame, against
 * 10.4–10.7 frames/s and 88–90 ms with two of each and ONNX Runtime's default (oversubscribed cores spend CPU on
 * switching and on the model's threads waiting for each other). With the model on a GPU, every core decodes.
 */
public final class CoreSplit {

    private CoreSplit() {
    }

    /** The threads of each of the decode and render pools: {@code configured}, or half the cores on CPU, all on GPU. */
    public static int cpuSideThreads(int configured, boolean modelOnGpu, int cores) {
        if (configured < 0 || cores < 1) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = automatic) and cores >= 1, got "
                    + configured + " and " + cores);
        }
        if (configured > 0) {
            return configured;
        }
        return modelOnGpu ? cores : Math.max(1, cores / 2);
    }

    /** ONNX Runtime's intra-op threads: {@code configured}, or the cores the CPU side leaves (at least one). */
    public static int intraOpThreads(int configured, int cpuSideThreadsConfigured, int cores) {
        if (configured < 0) {
            throw new IllegalArgumentException("intra-op threads must be >= 0 (0 = automatic), got " + configured);
        }
        if (configured > 0) {
            return configured;
        }
        return Math.max(1, cores - cpuSideThreads(cpuSideThreadsConfigured, false, cores));
    }

    public static int cores() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
