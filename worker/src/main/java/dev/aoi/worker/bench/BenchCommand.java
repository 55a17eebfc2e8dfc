package dev.aoi.worker.bench;

import dev.aoi.common.cli.Commands;
import java.util.Arrays;

/**
 * {@code ./aoi bench measure|worker|soak|decode ...}: the worker's benchmarks, each a picocli command of its own
 * ({@code --help} on each) writing JSON with {@code --json FILE}. The {@code ./aoi} script picks the benchmark
 * itself; this is the same choice for {@code java -jar} on the worker jar.
 */
public final class BenchCommand {

    static final String USAGE = """
            Usage: ./aoi bench measure|worker|soak|decode [options]     (--help on each explains it)
              measure   region measurement against naive and cropped OpenCV
              worker    the worker's frames/s and where its time goes, against the model alone
              soak      native memory over many frames
              decode    image decoding against ImageIO""";

    private BenchCommand() {
    }

    public static int run(String... args) {
        String which = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        return switch (which) {
            case "measure" -> MeasureBenchmark.run(rest);
            case "worker" -> WorkerBenchmark.run(rest);
            case "soak" -> SoakCommand.run(rest);
            case "decode" -> DecodeBenchCommand.run(rest);
            case "-h", "--help", "help" -> {
                System.out.println(USAGE);
                yield 0;
            }
            default -> {
                System.err.println(which.isEmpty() ? "./aoi bench: which benchmark? measure, worker, soak or decode"
                        + " (--help shows them)" : "./aoi bench: unknown benchmark '" + which
                        + "': measure, worker, soak or decode (--help shows them)");
                yield Commands.USAGE;
            }
        };
    }
}
