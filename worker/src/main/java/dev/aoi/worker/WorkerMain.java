package dev.aoi.worker;

import dev.aoi.worker.bench.MeasureBenchmark;
import java.util.Arrays;

/** The worker's command line: subcommands run without Spring; no arguments will start the service. */
public final class WorkerMain {

    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("bench") && args[1].equals("measure")) {
            MeasureBenchmark.main(Arrays.copyOfRange(args, 2, args.length));
            return;
        }
        System.err.println("usage: WorkerMain bench measure [--json FILE] [--runs N] [--warmup N] [--baseline-runs N] [--baseline-runs-2000 N]");
        System.exit(2);
    }
}
