package dev.aoi.worker.bench;

import java.util.Arrays;

/** {@code bench measure|worker|soak|decode ...}: the worker's benchmarks, each writing JSON with {@code --json FILE}. */
public final class BenchCommand {

    private BenchCommand() {
    }

    public static int run(String[] args) throws Exception {
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        String which = args.length == 0 ? "" : args[0];
        switch (which) {
            case "measure" -> MeasureBenchmark.main(rest);
            case "worker" -> {
                return WorkerBenchmark.run(rest);
            }
            case "soak" -> {
                return SoakCommand.run(rest);
            }
            case "decode" -> {
                return DecodeBenchCommand.run(rest);
            }
            default -> {
                System.err.println("usage: bench measure|worker|soak|decode [--json FILE] ...");
                return 2;
            }
        }
        return 0;
    }
}
