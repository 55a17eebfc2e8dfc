package dev.aoi.worker;

import dev.aoi.common.CliLogging;
import dev.aoi.common.cli.Commands;
import dev.aoi.worker.bench.BenchCommand;
import dev.aoi.worker.cli.InspectCommand;
import dev.aoi.worker.evaluate.EvaluateModelCommand;
import java.util.Arrays;

/**
 * Entry point of the worker jar: no arguments (or only {@code --spring.options}) runs the service; a first
 * argument names a subcommand that runs without Spring.
 */
public final class WorkerMain {

    private static final String USAGE = """
            Usage: ./aoi worker [--setting.name=value ...]   the inspection service (Kafka in, Kafka out)
                   ./aoi inspect --model M.onnx [--out DIR] IMAGE|FOLDER|@LIST...
                                               offline inspection: one InspectionResult JSON per line
                   ./aoi bench measure|worker|soak|decode [options]
                                               the worker's benchmarks
                   ./aoi evaluate-model --model M.onnx [--frames N] [--json FILE]
                                               per-class IoU and one-thread time per frame on synthetic frames
            --help on each command explains its options.""";

    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || (args[0].startsWith("--") && !args[0].equals("--help"))) {
            WorkerApplication.main(args);
            return;
        }
        CliLogging.toStderr(); // the subcommands print their results on stdout: log lines go to stderr
        int code = runSubcommand(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the subcommand named by {@code args[0]}; returns the process exit code. */
    static int runSubcommand(String[] args) {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "inspect" -> InspectCommand.run(rest);
            case "bench" -> BenchCommand.run(rest);
            case "evaluate-model" -> Commands.run(new EvaluateModelCommand(), rest);
            case "help", "-h", "--help" -> {
                System.out.println(USAGE);
                yield 0;
            }
            default -> {
                System.err.println("./aoi worker: unknown subcommand '" + args[0]
                        + "': inspect, bench or evaluate-model (--help shows them)");
                yield Commands.USAGE;
            }
        };
    }
}
