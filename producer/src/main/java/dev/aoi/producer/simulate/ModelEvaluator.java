package dev.aoi.producer.simulate;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a segmentation model on simulated frames the way the worker uses it (docs/model.md): RGB pixel/255 in, argmax
 * over the score channels (ties to the lowest index), nearest-neighbour resize of the class map to the frame, then
 * per-class IoU at full resolution against the ground-truth masks; and single-thread CPU inference time per frame.
 */
public final class ModelEvaluator {

    /** What one evaluation measured; IoU is over all frames pooled (intersection and union summed per class). */
    public record Report(String model, int frames, long seed, int width, int height, List<Long> outputShape,
            Map<String, Double> iou, double meanIou, double inferenceMsMedian, double inferenceMsMean,
            double inferenceCpuMsMedian, int intraOpThreads) {
    }

    private final PcbFrameRenderer renderer;

    public ModelEvaluator(PcbFrameRenderer renderer) {
        this.renderer = renderer;
    }

    public Report evaluate(Path modelFile, int frames, long seed) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession session = env.createSession(modelFile.toString(), options)) {
                String inputName = session.getInputNames().iterator().next();
                NodeInfo output = session.getOutputInfo().values().iterator().next();
                long channels = ((TensorInfo) output.getInfo()).getShape()[1];
                List<String> names = classNames(session, (int) channels - 1);
                int w = renderer.width();
                int h = renderer.height();
                long[] intersection = new long[(int) channels];
                long[] union = new long[(int) channels];
                double[] wallMs = new double[frames];
                double[] cpuMs = new double[frames];
                long[] outShape = null;
                float[] input = new float[3 * w * h];
                for (int f = 0; f < frames; f++) {
                    SyntheticFrame frame = renderer.render(PcbFrameRenderer.frameSeed(seed, f));
                    toPlanarRgb(frame, input);
                    try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input),
                            new long[] {1, 3, h, w})) {
                        if (f == 0) {
                            // warm-up: first run allocates and plans; not what a running worker pays
                            try (OrtSession.Result ignored = session.run(Map.of(inputName, tensor))) {
                                // nothing to read
                            }
                        }
                        long cpu0 = threads.getCurrentThreadCpuTime();
                        long t0 = System.nanoTime();
                        try (OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
                            wallMs[f] = (System.nanoTime() - t0) / 1e6;
                            cpuMs[f] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
                            OnnxTensor scores = (OnnxTensor) result.get(0);
                            outShape = scores.getInfo().getShape();
                            byte[] classMap = argmaxResized(scores.getFloatBuffer(), outShape, w, h);
                            accumulate(classMap, frame.mask(), intersection, union);
                        }
                    }
                }
                Map<String, Double> iou = new LinkedHashMap<>();
                double sum = 0;
                for (int c = 1; c < channels; c++) {
                    double v = union[c] == 0 ? Double.NaN : (double) intersection[c] / union[c];
                    iou.put(names.get(c - 1), v);
                    sum += v;
                }
                List<Long> shape = new ArrayList<>();
                for (long s : outShape) {
                    shape.add(s);
                }
                return new Report(modelFile.toString(), frames, seed, w, h, shape, iou, sum / (channels - 1),
                        median(wallMs), Arrays.stream(wallMs).average().orElse(0), median(cpuMs), 1);
            }
        }
    }

    private static List<String> classNames(OrtSession session, int classes) throws OrtException {
        String meta = session.getMetadata().getCustomMetadata().get("aoi.classes");
        List<String> names = new ArrayList<>();
        if (meta != null) {
            names.addAll(Arrays.asList(meta.split(",")));
        } else {
            for (DefectClass c : DefectClass.values()) {
                names.add(c.label());
            }
        }
        if (names.size() != classes) {
            throw new IllegalArgumentException("model has " + classes + " class channels but names " + names.size()
                    + " classes (" + names + "): fix its aoi.classes metadata");
        }
        return names;
    }

    static void toPlanarRgb(SyntheticFrame frame, float[] target) {
        int[] rgb = frame.rgb();
        int plane = rgb.length;
        for (int i = 0; i < plane; i++) {
            int p = rgb[i];
            target[i] = ((p >> 16) & 0xFF) / 255f;
            target[plane + i] = ((p >> 8) & 0xFF) / 255f;
            target[2 * plane + i] = (p & 0xFF) / 255f;
        }
    }

    /** Argmax over channels (ties to the lowest index), then docs/model.md's nearest resize to {@code w x h}. */
    static byte[] argmaxResized(FloatBuffer scores, long[] shape, int w, int h) {
        int c = (int) shape[1];
        int oh = (int) shape[2];
        int ow = (int) shape[3];
        int plane = oh * ow;
        byte[] small = new byte[plane];
        for (int i = 0; i < plane; i++) {
            int best = 0;
            float bestScore = scores.get(i);
            for (int k = 1; k < c; k++) {
                float s = scores.get(k * plane + i);
                if (s > bestScore) {
                    bestScore = s;
                    best = k;
                }
            }
            small[i] = (byte) best;
        }
        if (oh == h && ow == w) {
            return small;
        }
        byte[] full = new byte[w * h];
        int[] sx = new int[w];
        for (int x = 0; x < w; x++) {
            sx[x] = (int) ((long) x * ow / w);
        }
        for (int y = 0; y < h; y++) {
            int sy = (int) ((long) y * oh / h);
            int srcRow = sy * ow;
            int dstRow = y * w;
            for (int x = 0; x < w; x++) {
                full[dstRow + x] = small[srcRow + sx[x]];
            }
        }
        return full;
    }

    private static void accumulate(byte[] predicted, byte[] truth, long[] intersection, long[] union) {
        for (int i = 0; i < predicted.length; i++) {
            int p = predicted[i];
            int t = truth[i];
            if (p == t) {
                if (p != 0) {
                    intersection[p]++;
                    union[p]++;
                }
            } else {
                if (p != 0) {
                    union[p]++;
                }
                if (t != 0) {
                    union[t]++;
                }
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? 0 : (n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2);
    }
}
