package dev.aoi.producer.simulate;

import dev.aoi.producer.Arguments;
import java.nio.file.Path;
import java.util.Set;

/** {@code simulate}: write a synthetic dataset, or act as a camera publishing frames at a rate. */
public final class SimulateCommand {

    private SimulateCommand() {
    }

    public static int run(String[] args) throws Exception {
        Arguments a = Arguments.parse("simulate", args, 0,
                Set.of("out", "frames", "seed", "width", "height", "format", "image-root", "rate",
                        "bootstrap-servers", "topic", "camera-id", "id-prefix", "threads"),
                Set.of("publish"));
        int width = (int) a.number("width", 1792);
        int height = (int) a.number("height", 1792);
        PcbFrameRenderer renderer = new PcbFrameRenderer(width, height);
        long seed = a.number("seed", 1);
        if (a.flag("publish")) {
            return SimulatedCamera.runFromCommandLine(a, renderer, seed);
        }
        int frames = (int) a.number("frames", 10);
        FrameFiles.Format format = FrameFiles.Format.parse(a.text("format", "png"));
        new DatasetWriter(renderer, format).write(Path.of(a.required("out")), frames, seed, System.out);
        return 0;
    }
}
