package dev.aoi.worker.evaluate;

import dev.aoi.common.synthetic.PcbFrameRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code ./aoi evaluate-model}: per-class IoU and one-thread CPU time per frame of a model on synthetic frames. */
@Command(name = "./aoi evaluate-model", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scores an ONNX model on held-out synthetic frames with their ground-truth masks, through the",
                "worker's own inference code: per-class IoU at full resolution and the time to segment a frame on",
                "one CPU thread."})
public final class EvaluateModelCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "M.onnx", description = "the model to score")
    Path model;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "20", description = "frames (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "999",
            description = "the frames' seed; the demo model was trained on other seeds (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--width", paramLabel = "PX", defaultValue = "1792", description = "frame width (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", paramLabel = "PX", defaultValue = "1792", description = "frame height (default: ${DEFAULT-VALUE})")
    int height;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("no model file at " + model.toAbsolutePath());
        }
        if (frames < 1) {
            throw new IllegalArgumentException("--frames must be at least 1");
        }
        PcbFrameRenderer renderer = new PcbFrameRenderer(width, height);
        ModelEvaluator.Report report = onLargeStack(() -> new ModelEvaluator(renderer).evaluate(model, frames, seed));
        System.out.printf(Locale.ROOT, "model %s (sha256 %s) on %d frames %dx%d of seed %d%n", report.model(),
                report.modelSha256(), report.frames(), report.width(), report.height(), report.seed());
        report.iou().forEach((name, iou) -> System.out.printf(Locale.ROOT, "  IoU %-14s %.4f%n", name, iou));
        System.out.printf(Locale.ROOT, "  mean IoU           %.4f%n", report.meanIou());
        System.out.printf(Locale.ROOT,
                "  segmentation, 1 intra-op thread: median %.1f ms (CPU %.1f ms), mean %.1f ms per frame%n",
                report.inferenceMsMedian(), report.inferenceCpuMsMedian(), report.inferenceMsMean());
        if (json != null) {
            JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            Files.writeString(json, mapper.writeValueAsString(report) + "\n");
        }
        return 0;
    }

    /** Work that returns a value and may throw. */
    @FunctionalInterface
    interface Work<T> {
        T call() throws Exception;
    }

    /**
     * Runs {@code work} on a thread with a 64 MB stack. With one intra-op thread ONNX Runtime computes on the calling
     * thread, and on a default 1 MB JVM stack it was seen to die with SIGSEGV (no hs_err file) on large inputs.
     */
    static <T> T onLargeStack(Work<T> work) throws Exception {
        Object[] result = new Object[1];
        Exception[] failure = new Exception[1];
        Thread thread = new Thread(null, () -> {
            try {
                result[0] = work.call();
            } catch (Exception e) {
                failure[0] = e;
            }
        }, "aoi-evaluate", 64L * 1024 * 1024);
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
