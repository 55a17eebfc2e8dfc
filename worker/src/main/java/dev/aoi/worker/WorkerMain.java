package dev.aoi.worker;

import dev.aoi.common.CliLogging;
import dev.aoi.common.cli.Commands;
import dev.aoi.worker.bench.BenchCommand;
import dev.aoi.worker.evaluate.EvaluateModelCommand;
import dev.aoi.worker.cli.InspectCommand;
import java.util.Arrays;

/**
 * Entry point of the worker jar: no arguments (or only {@code --spring.options}) runs the service; a first
 * argument names a subcommand that runs without Spring.
 */
public final class WorkerMain {

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
    static int runSubcommand(String[] args) throws Exception {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "inspect" -> InspectCommand.run(rest);
            case "bench" -> BenchCommand.run(rest);
            case "evaluate-model" -> Commands.run(new EvaluateModelCommand(), rest);
            case "help", "-h", "--help" -> {
                usage();
                yield 0;
            }
            default -> {
                System.err.println("unknown subcommand '" + args[0] + "'");
                usage();
                yield 2;
            }
        };
    }

    private static void usage() {
        System.err.println("""
                usage: worker                    run the inspection service (Kafka in, Kafka out)
                       worker inspect --model M.onnx [--out DIR] [--device cpu] IMAGE...
                                                 inspect image files offline: one InspectionResult JSON per line
                       worker bench measure|worker|soak|decode [--json FILE] ...
                                                 benchmarks (see each one's --help)
                       worker evaluate-model --model M.onnx [--frames N] [--seed S] [--json FILE]
                                                 per-class IoU and one-thread time per frame on synthetic frames""");
    }
}
