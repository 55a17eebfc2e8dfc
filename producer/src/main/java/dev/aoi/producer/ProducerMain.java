package dev.aoi.producer;

import dev.aoi.common.CliLogging;
import dev.aoi.producer.replay.ReplayImagesCommand;
import dev.aoi.producer.simulate.EvaluateModelCommand;
import dev.aoi.producer.simulate.SimulateCommand;
import java.util.Arrays;

/**
 * Entry point of the producer: no arguments (or only {@code --spring.options}) runs the ingest service (HTTP, and the
 * watch folder when configured); a first argument names a subcommand that runs without Spring.
 */
public final class ProducerMain {

    private ProducerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].startsWith("--")) {
            ProducerApplication.run(args);
            return;
        }
        CliLogging.toStderr();
        int code;
        try {
            code = switch (args[0]) {
                case "simulate" -> SimulateCommand.run(Arrays.copyOfRange(args, 1, args.length));
                case "evaluate-model" -> EvaluateModelCommand.run(Arrays.copyOfRange(args, 1, args.length));
                case "replay" -> args.length > 1 && args[1].equals("images")
                        ? ReplayImagesCommand.run(Arrays.copyOfRange(args, 2, args.length), System.out, System.err)
                        : usageError("replay: only 'replay images' belongs to the producer");
                case "help", "--help", "-h" -> {
                    System.out.println(USAGE);
                    yield 0;
                }
                default -> {
                    System.err.println("unknown subcommand '" + args[0] + "'\n" + USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage() + "\n" + USAGE);
            code = 2;
        }
        System.exit(code);
    }

    private static int usageError(String message) {
        System.err.println(message + "\n" + USAGE);
        return 2;
    }

    static final String USAGE = """
            usage: java -jar aoi-producer.jar [SUBCOMMAND] [OPTIONS]
              (none)            run the ingest service: HTTP POST /v1/frames, and the watch folder if aoi.producer.watch.dir is set
              simulate --out DIR [--frames N] [--seed S] [--width W] [--height H] [--format png|jpg]
                                write a synthetic dataset: frame_NNNNNN.<ext> + frame_NNNNNN_mask.png
              simulate --publish --image-root DIR [--rate FPS] [--frames N] [--seed S] [--bootstrap-servers HOST:PORT]
                       [--topic aoi.images] [--camera-id ID] [--format jpg|png]
                                render frames into DIR and publish an ImageRef for each at FPS frames per second
              replay images --from T1 [--to T2] [--camera C] [--dry-run]
                                re-publish the ImageRefs of a time range so that frames are reprocessed
              evaluate-model --model FILE [--frames N] [--seed S] [--json FILE]
                                per-class IoU and single-thread CPU time per frame of an ONNX model on simulated frames
            """;
}
