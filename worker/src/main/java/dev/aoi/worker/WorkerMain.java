package dev.aoi.worker;

import dev.aoi.worker.inspect.DecodeBenchCommand;
import dev.aoi.worker.inspect.InspectCommand;
import dev.aoi.worker.inspect.SoakCommand;
import java.util.Arrays;

/** The worker's entry point: a subcommand runs without Spring; no arguments starts the service. */
public final class WorkerMain {

    private WorkerMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("inspect")) {
            System.exit(InspectCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 1 && args[0].equals("bench") && args[1].equals("soak")) {
            System.exit(SoakCommand.run(Arrays.copyOfRange(args, 2, args.length)));
        }
        if (args.length > 1 && args[0].equals("bench") && args[1].equals("decode")) {
            System.exit(DecodeBenchCommand.run(Arrays.copyOfRange(args, 2, args.length)));
        }
        System.err.println("usage: inspect --model M.onnx [--out DIR] IMAGE... | bench soak --model M.onnx [--frames N] | bench decode [--size S]");
        System.exit(2);
    }
}
