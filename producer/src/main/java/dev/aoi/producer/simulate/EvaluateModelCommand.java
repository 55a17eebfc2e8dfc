package dev.aoi.producer.simulate;

import dev.aoi.producer.Arguments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code evaluate-model}: per-class IoU and single-thread CPU time per frame of an ONNX model on simulated frames. */
public final class EvaluateModelCommand {

    private EvaluateModelCommand() {
    }

    public static int run(String[] args) throws Exception {
        Arguments a = Arguments.parse("evaluate-model", args, 0,
                Set.of("model", "frames", "seed", "width", "height", "json"), Set.of());
        Path model = Path.of(a.required("model"));
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("evaluate-model: no model file at " + model.toAbsolutePath());
        }
        PcbFrameRenderer renderer = new PcbFrameRenderer((int) a.number("width", 1792), (int) a.number("height", 1792));
        ModelEvaluator.Report report = onLargeStack(() -> new ModelEvaluator(renderer).evaluate(model,
                (int) a.number("frames", 20), a.number("seed", 999)));
        System.out.printf(Locale.ROOT, "model %s on %d frames %dx%d of seed %d, output %s%n", report.model(),
                report.frames(), report.width(), report.height(), report.seed(), report.outputShape());
        report.iou().forEach((name, iou) -> System.out.printf(Locale.ROOT, "  IoU %-14s %.4f%n", name, iou));
        System.out.printf(Locale.ROOT, "  mean IoU           %.4f%n", report.meanIou());
        System.out.printf(Locale.ROOT,
                "  inference, 1 intra-op thread: median %.1f ms (CPU %.1f ms), mean %.1f ms per frame%n",
                report.inferenceMsMedian(), report.inferenceCpuMsMedian(), report.inferenceMsMean());
        if (a.has("json")) {
            Path out = Path.of(a.required("json"));
            JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            Files.writeString(out, mapper.writeValueAsString(report) + "\n");
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
