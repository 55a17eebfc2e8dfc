package dev.aoi.producer.simulate;

import dev.aoi.common.Topics;
import dev.aoi.common.cli.KafkaOptions;
import dev.aoi.common.kafka.KafkaClientSettings;
import dev.aoi.common.synthetic.PcbFrameRenderer;
import dev.aoi.producer.publish.ImageRefPublisher;
import dev.aoi.producer.publish.PublishMetrics;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./aoi simulate}: write a synthetic dataset, or act as a camera publishing frames at a rate. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The synthetic AOI camera: 1792x1792 flexible-circuit frames with the four defect classes.",
                "  ./aoi simulate --out DIR [--frames N] [--seed S]     a dataset: frame_NNNNNN.<ext> and"
                        + " frame_NNNNNN_mask.png (ground truth)",
                "  ./aoi simulate --publish --image-root DIR [--rate FPS] [--frames N]",
                "                                                        render frames into DIR and publish an"
                        + " ImageRef for each (a load generator)"})
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--publish", description = "publish the frames to Kafka instead of writing a dataset")
    boolean publish;

    @Option(names = "--out", paramLabel = "DIR", description = "where the dataset goes (without --publish)")
    Path out;

    @Option(names = "--image-root", paramLabel = "DIR", description = "where published frames are rendered (with --publish)")
    Path imageRoot;

    @Option(names = "--frames", paramLabel = "N", description = "frames to make (default: 10, or 100 with --publish)")
    Integer frames;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--width", paramLabel = "PX", defaultValue = "1792", description = "frame width (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", paramLabel = "PX", defaultValue = "1792", description = "frame height (default: ${DEFAULT-VALUE})")
    int height;

    @Option(names = "--format", paramLabel = "png|jpg", description = "frame format (default: png, or jpg with --publish)")
    String format;

    @Option(names = "--rate", paramLabel = "FPS", defaultValue = "2.0",
            description = "frames per second with --publish (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--threads", paramLabel = "N", description = "rendering threads with --publish (default: cores - 1)")
    Integer threads;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = Topics.DEFAULT_IMAGES,
            description = "with --publish (default: ${DEFAULT-VALUE})")
    String topic;

    @Option(names = "--camera-id", paramLabel = "ID", defaultValue = "sim-cam-1",
            description = "camera_id of published frames (default: ${DEFAULT-VALUE})")
    String cameraId;

    @Option(names = "--id-prefix", paramLabel = "P", defaultValue = "sim",
            description = "image ids are P-s<seed>-f<n> (default: ${DEFAULT-VALUE})")
    String idPrefix;

    @Override
    public Integer call() throws Exception {
        PcbFrameRenderer renderer = new PcbFrameRenderer(width, height);
        if (publish) {
            if (imageRoot == null) {
                throw new IllegalArgumentException("--publish needs --image-root DIR");
            }
            try (ImageRefPublisher publisher = ImageRefPublisher.connect(kafka.bootstrapServers(), topic,
                    PublishMetrics.inMemory(), "simulator", KafkaClientSettings.fromEnvironment())) {
                SimulatedCamera camera = new SimulatedCamera(renderer, publisher, imageRoot,
                        FrameFiles.Format.parse(format == null ? "jpg" : format), cameraId, idPrefix);
                int renderThreads = threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
                camera.run(seed, frames == null ? 100 : frames, rate, renderThreads, System.out);
            }
            return 0;
        }
        if (out == null) {
            throw new IllegalArgumentException("give --out DIR for a dataset, or --publish --image-root DIR");
        }
        FrameFiles.Format fileFormat = FrameFiles.Format.parse(format == null ? "png" : format);
        new DatasetWriter(renderer, fileFormat).write(out, frames == null ? 10 : frames, seed, System.out);
        return 0;
    }
}
