package dev.aoi.infra.demo;

import java.nio.file.Path;

/** What {@code ./aoi demo} runs: how many frames, how many workers, which model, and whether to keep the stack. */
record DemoSettings(int frames, int workers, double rate, Path model, boolean keep, long seed, int timeoutSeconds) {

    static final String USAGE = "usage: ./aoi demo [--frames N] [--workers W] [--rate FPS] [--model M.onnx] "
            + "[--seed S] [--timeout SECONDS] [--keep]";

    DemoSettings {
        if (frames < 1) {
            throw new IllegalArgumentException("--frames must be at least 1");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1");
        }
    }

    static DemoSettings parse(String[] args, Path repositoryRoot) {
        int frames = 200;
        int workers = 1;
        double rate = 0;
        Path model = repositoryRoot.resolve("models/aoi-demo.onnx");
        boolean keep = false;
        long seed = 7;
        int timeout = 480;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--frames" -> frames = Integer.parseInt(value(args, ++i, a));
                case "--workers" -> workers = Integer.parseInt(value(args, ++i, a));
                case "--rate" -> rate = Double.parseDouble(value(args, ++i, a));
                case "--model" -> model = Path.of(value(args, ++i, a)).toAbsolutePath();
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--timeout" -> timeout = Integer.parseInt(value(args, ++i, a));
                case "--keep" -> keep = true;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new DemoSettings(frames, workers, rate, model, keep, seed, timeout);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
