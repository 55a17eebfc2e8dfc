package dev.aoi.infra.bench;

import java.nio.file.Path;

/** What {@code ./aoi bench decoupling} runs: frames per phase, the database delay, workers, frame size, output. */
record DecouplingSettings(int frames, long delayMs, int workers, int frameSize, int segmentSeconds, long seed,
        Path model, Path json, int timeoutSeconds) {

    static final String USAGE = "usage: ./aoi bench decoupling [--frames N] [--delay-ms MS] [--workers W] "
            + "[--frame-size PX] [--segment-s S] [--seed S] [--model M.onnx] [--timeout SECONDS] [--json FILE]";

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

    /**
     * Defaults fit a whole run in about four minutes on two busy cores: 512x512 frames (the model is fully
     * convolutional; one worker does about 17 frames/s at that size, so results arrive faster than one 200 ms
     * transaction each could store) and 2000 frames, about 100 s of steady work cut into 4 s segments:
     * short ones, so that a burst of other load on the machine falls on both conditions alike.
     */
    static DecouplingSettings parse(String[] args, Path repositoryRoot) {
        int frames = 2000;
        long delayMs = 200;
        int workers = 1;
        int frameSize = 512;
        int segmentSeconds = 4;
        long seed = 7;
        Path model = repositoryRoot.resolve("models/aoi-demo.onnx");
        Path json = null;
        int timeout = 300;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--frames" -> frames = Integer.parseInt(value(args, ++i, a));
                case "--delay-ms" -> delayMs = Long.parseLong(value(args, ++i, a));
                case "--workers" -> workers = Integer.parseInt(value(args, ++i, a));
                case "--frame-size" -> frameSize = Integer.parseInt(value(args, ++i, a));
                case "--segment-s" -> segmentSeconds = Integer.parseInt(value(args, ++i, a));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--model" -> model = Path.of(value(args, ++i, a)).toAbsolutePath();
                case "--timeout" -> timeout = Integer.parseInt(value(args, ++i, a));
                case "--json" -> json = Path.of(value(args, ++i, a)).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new DecouplingSettings(frames, delayMs, workers, frameSize, segmentSeconds, seed, model, json, timeout);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
