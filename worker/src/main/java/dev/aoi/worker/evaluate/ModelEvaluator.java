package dev.aoi.worker.evaluate;

import dev.aoi.common.synthetic.PcbFrameRenderer;
import dev.aoi.common.synthetic.SyntheticFrame;
import dev.aoi.imaging.ClassMap;
import dev.aoi.imaging.Frame;
import dev.aoi.worker.inference.OnnxSegmenter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a segmentation model on synthetic frames through the worker's own inference code ({@link OnnxSegmenter}:
 * the model contract's packing, argmax and resize, docs/model.md), as per-class IoU at full resolution against the
 * frames' ground-truth masks, and times the segmentation of each frame on one CPU thread.
 */
public final class ModelEvaluator {

    /** What one evaluation measured; IoU is over all frames pooled (intersection and union summed per class). */
    public record Report(String model, String modelSha256, int frames, long seed, int width, int height,
            Map<String, Double> iou, double meanIou, double inferenceMsMedian, double inferenceMsMean,
            double inferenceCpuMsMedian, int intraOpThreads) {
    }

    private final PcbFrameRenderer renderer;

    public ModelEvaluator(PcbFrameRenderer renderer) {
        this.renderer = renderer;
    }

    /** Evaluates {@code modelFile} on frames {@code 0..frames-1} of the sequence {@code seed}. */
    public Report evaluate(Path modelFile, int frames, long seed) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (OnnxSegmenter segmenter = OnnxSegmenter.open(modelFile, new OnnxSegmenter.Options("cpu", 1))) {
            List<String> names = segmenter.classNames();
            int classes = names.size();
            long[] intersection = new long[classes + 1];
            long[] union = new long[classes + 1];
            double[] wallMs = new double[frames];
            double[] cpuMs = new double[frames];
            for (int f = 0; f < frames; f++) {
                SyntheticFrame synthetic = renderer.render(PcbFrameRenderer.frameSeed(seed, f));
                Frame frame = toFrame(synthetic);
                if (f == 0) {
                    segmenter.segment(frame); // warm-up: the first run allocates and plans; a running worker does not
                }
                long cpu0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                ClassMap map = segmenter.segment(frame);
                wallMs[f] = (System.nanoTime() - t0) / 1e6;
                cpuMs[f] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
                accumulate(map.data(), synthetic.mask(), intersection, union);
            }
            Map<String, Double> iou = new LinkedHashMap<>();
            double sum = 0;
            for (int c = 1; c <= classes; c++) {
                double v = union[c] == 0 ? Double.NaN : (double) intersection[c] / union[c];
                iou.put(names.get(c - 1), v);
                sum += v;
            }
            return new Report(modelFile.toString(), segmenter.modelInfo().sha256(), frames, seed, renderer.width(),
                    renderer.height(), iou, sum / classes, median(wallMs), Arrays.stream(wallMs).average().orElse(0),
                    median(cpuMs), 1);
        }
    }

    /** The synthetic frame's packed {@code 0xRRGGBB} pixels as the 8-bit RGB bytes the decoder would produce. */
    static Frame toFrame(SyntheticFrame synthetic) {
        int[] packed = synthetic.rgb();
        byte[] rgb = new byte[packed.length * 3];
        for (int i = 0; i < packed.length; i++) {
            int p = packed[i];
            rgb[3 * i] = (byte) (p >> 16);
            rgb[3 * i + 1] = (byte) (p >> 8);
            rgb[3 * i + 2] = (byte) p;
        }
        return new Frame(synthetic.width(), synthetic.height(), rgb);
    }

    /** Adds one frame's per-class intersection and union; class ids outside the model count as wrong. */
    static void accumulate(byte[] predicted, byte[] truth, long[] intersection, long[] union) {
        for (int i = 0; i < predicted.length; i++) {
            int p = predicted[i] & 0xFF;
            int t = truth[i] & 0xFF;
            if (p == t) {
                if (p != 0 && p < union.length) {
                    intersection[p]++;
                    union[p]++;
                }
            } else {
                if (p != 0 && p < union.length) {
                    union[p]++;
                }
                if (t != 0 && t < union.length) {
                    union[t]++;
                }
            }
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? 0 : (n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2);
    }
}
