package dev.aoi.worker.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.aoi.common.cli.Commands;
import dev.aoi.common.event.ImageRef;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.imaging.Frame;
import dev.aoi.imaging.FrameDecoder;
import dev.aoi.imaging.OpenCvLoader;
import dev.aoi.worker.inference.InvalidModelException;
import dev.aoi.worker.inference.OnnxSegmenter;
import dev.aoi.worker.inference.Segmenter;
import dev.aoi.worker.inspect.CoreSplit;
import dev.aoi.worker.inspect.FrameInspector;
import dev.aoi.worker.inspect.FrameOutcome;
import dev.aoi.worker.inspect.InspectorSettings;
import dev.aoi.worker.inspect.StageTimer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One worker's throughput on this machine through the whole inspection path (decode, inference, measurement,
 * result images), against the model's own inference time on the same frames measured in the same run; the
 * difference is the share of frame time spent outside inference. With {@code --model null} the model costs
 * nothing, and what remains is what the CPU side sustains, per thread count.
 */
@Command(name = "./aoi bench worker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"One worker's frames/s through decode, inference, measurement and result images, against the "
                + "model alone on the same frames in the same run.",
            "--model null: a model of no cost (every frame gets ~50 synthetic regions), so the figure is what the CPU "
                + "side sustains for a GPU; it runs once per --threads value."})
public final class WorkerBenchmark implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "M.onnx|null", description = "the model (default: ${DEFAULT-VALUE})")
    String model = "models/aoi-demo.onnx";

    @Option(names = "--frames", description = "frames in the timed run (default: ${DEFAULT-VALUE})")
    int frames = 32;

    @Option(names = "--batch", description = "frames per model run (default: ${DEFAULT-VALUE})")
    int batch = 4;

    @Option(names = "--device", description = "auto, cuda or cpu (default: ${DEFAULT-VALUE})")
    String device = "auto";

    @Option(names = "--intra-op-threads", description = "ONNX Runtime's threads; 0 = automatic, as the worker: the "
            + "cores the decoding leaves, at least one")
    int intraOpThreads = 0;

    @Option(names = "--threads", split = ",", paramLabel = "T",
            description = "decode and render threads (each pool); several values run one after the other "
                    + "(default: as the worker, half the cores with the model on the CPU, all of them on a GPU; with "
                    + "--model null 1 up to the cores)")
    List<Integer> threads;

    @Option(names = "--result-images", split = ",", paramLabel = "classmap|overlay|defects|none",
            description = "the result images the worker writes (default: ${DEFAULT-VALUE}, the worker's default: the "
                    + "console draws the overlay and defect sheet on view); a second run with all three follows, "
                    + "as the baseline")
    List<String> resultImages = List.of("classmap");

    @Option(names = "--images", paramLabel = "DIR", description = "inspect these images instead of synthetic 1792² frames")
    Path images;

    @Option(names = "--clean-share", paramLabel = "F", description = "the share of synthetic frames without defects, "
            + "0 to 1 (default: ${DEFAULT-VALUE}: every frame has ~50, the worst case; a line's share is its yield)")
    double cleanShare = 0;

    @Option(names = "--rounds", description = "rounds of: the model alone, the worker, the baseline (all three images "
            + "by the worker), one after the other; the figures are medians over the rounds, so that a change of pace "
            + "of a shared machine hits all three alike (default: ${DEFAULT-VALUE})")
    int rounds = 3;

    @Option(names = "--json", paramLabel = "FILE", description = "write the figures as JSON")
    Path json;

    public static int run(String... args) {
        return Commands.run(new WorkerBenchmark(), args);
    }

    private static final Set<String> IMAGE_NAMES = Set.of("classmap", "overlay", "defects", "none");
    private static final List<String> ALL_IMAGES = List.of("classmap", "overlay", "defects");

    /** The end-to-end figures of one thread count. */
    private record Run(int threads, List<String> images, int frames, int framesWithRegions, double msPerFrame,
            double cpuMsPerFrame, Map<String, Double> stageMs, List<InspectionResult> results) {

        double framesPerSecond() {
            return 1000.0 / msPerFrame;
        }

        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("threads", threads);
            out.put("result_images", images);
            out.put("frames", frames);
            out.put("frames_with_regions", framesWithRegions);
            out.put("frames_per_s", framesPerSecond());
            out.put("total_ms_per_frame", msPerFrame);
            out.put("cpu_ms_per_frame", cpuMsPerFrame);
            out.put("frames_per_s_per_core", 1000.0 / cpuMsPerFrame);
            out.put("stage_ms_per_frame", stageMs);
            return out;
        }
    }

    /** One round: the model alone, then the worker, then (when asked) the baseline, on the same frames. */
    private record Round(double inferenceMs, double inferenceCpuMs, Run run, Run eager) {

        double share() {
            return share(run);
        }

        double share(Run r) {
            return Math.max(0, (r.msPerFrame() - inferenceMs) / r.msPerFrame());
        }

        /** The round of the median {@code by} (the middle one of an odd count, the lower middle of an even one). */
        static Round median(List<Round> rounds, ToDoubleFunction<Round> by) {
            List<Round> sorted = rounds.stream().sorted(Comparator.comparingDouble(by)).toList();
            return sorted.get((sorted.size() - 1) / 2);
        }

        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("inference_ms_per_frame", inferenceMs);
            out.put("total_ms_per_frame", run.msPerFrame());
            out.put("outside_inference_share", share());
            out.put("cpu_ms_outside_inference_per_frame", run.cpuMsPerFrame() - inferenceCpuMs);
            if (eager != null) {
                out.put("baseline_total_ms_per_frame", eager.msPerFrame());
                out.put("baseline_outside_inference_share", share(eager));
                out.put("baseline_cpu_ms_outside_inference_per_frame", eager.cpuMsPerFrame() - inferenceCpuMs);
            }
            return out;
        }
    }

    @Override
    public Integer call() throws IOException {
        if (frames < 1 || batch < 1 || rounds < 1 || intraOpThreads < 0
                || (threads != null && threads.stream().anyMatch(t -> t < 1))) {
            throw new IllegalArgumentException("--frames, --batch, --rounds and --threads must be positive");
        }
        if (!IMAGE_NAMES.containsAll(resultImages) || (resultImages.contains("none") && resultImages.size() > 1)) {
            throw new IllegalArgumentException("--result-images takes classmap, overlay and/or defects, or none; got "
                    + String.join(",", resultImages));
        }
        List<String> written = resultImages.contains("none") ? List.of() : List.copyOf(resultImages);
        if (!(cleanShare >= 0 && cleanShare <= 1)) {
            throw new IllegalArgumentException("--clean-share must be between 0 and 1, got " + cleanShare);
        }
        boolean nullModel = model.equals(NullSegmenter.NAME);
        int cores = CoreSplit.cores();
        int intraOp = CoreSplit.intraOpThreads(intraOpThreads, threads == null ? 0 : threads.get(threads.size() - 1),
                cores);
        OpenCvLoader.ensureLoaded();
        Path work = Files.createTempDirectory("aoi-bench-worker-");
        try (Segmenter segmenter = nullModel ? new NullSegmenter() : openModel(intraOp)) {
            List<Integer> counts = threads != null ? threads : nullModel
                    ? IntStream.rangeClosed(1, cores).boxed().toList()
                    : List.of(CoreSplit.cpuSideThreads(0, segmenter.device().startsWith("cuda"), cores));
            List<Path> files = images != null ? BenchFrames.list(images, frames)
                    : BenchFrames.synthesise(work.resolve("frames"), frames, cleanShare);
            Path root = images != null ? images.toAbsolutePath() : work.resolve("frames");
            List<ImageRef> refs = new ArrayList<>();
            for (Path f : files) {
                refs.add(ImageRef.of(f.getFileName().toString().replaceAll("[^A-Za-z0-9._:-]", "_"),
                        f.toAbsolutePath().toString(), Instant.now()));
            }
            int main = counts.get(counts.size() - 1);
            // the baseline: the same frames with all three images drawn by the worker, as before the console drew them
            boolean baseline = !nullModel && !written.containsAll(ALL_IMAGES);
            List<Round> measured = new ArrayList<>();
            // round 0 is a warm-up, not reported: a fresh JVM grows its heap and compiles the hot code in it, and
            // the model-alone run it starts with came out slower than whole frames through the worker after it
            for (int r = -1; r < rounds; r++) {
                double[] inference = inferenceAlone(segmenter, files);
                Run run = endToEnd(segmenter, refs, root, work.resolve("results-" + main), main, written);
                Run eager = baseline ? endToEnd(segmenter, refs, root, work.resolve("results-all"), main, ALL_IMAGES)
                        : null;
                if (r >= 0) {
                    measured.add(new Round(inference[0], inference[1], run, eager));
                }
            }
            Round median = Round.median(measured, Round::share);
            // the other thread counts after the rounds, on a warm JVM like the main count's
            List<Run> runs = new ArrayList<>();
            for (int t : counts.subList(0, counts.size() - 1)) {
                runs.add(endToEnd(segmenter, refs, root, work.resolve("results-" + t), t, written));
            }
            runs.add(median.run());
            report(segmenter, files, cores, nullModel ? 0 : intraOp, median, measured, runs,
                    OnViewCost.measure(median.run().results()));
        } finally {
            FileSystemUtils.deleteRecursively(work); // the synthetic frames and result images
        }
        return 0;
    }

    /** The model; a missing or invalid one is a usage error (one line, exit 2), not a stack trace. */
    private Segmenter openModel(int intraOp) {
        try {
            return OnnxSegmenter.open(Path.of(model), new OnnxSegmenter.Options(device, intraOp));
        } catch (InvalidModelException e) {
            throw new IllegalArgumentException("--model " + model + ": " + e.getMessage(), e);
        }
    }

    /** The model alone on pre-decoded frames, the floor a worker cannot go below: {ms, CPU ms} per frame. */
    private double[] inferenceAlone(Segmenter segmenter, List<Path> files) throws IOException {
        FrameDecoder decoder = new FrameDecoder(FrameDecoder.DEFAULT_MAX_PIXELS);
        List<Frame> decoded = new ArrayList<>();
        for (Path f : files) {
            decoded.add(decoder.decode(Files.readAllBytes(f), f.toString()));
        }
        segmenter.segment(decoded.subList(0, Math.min(batch, decoded.size()))); // warm-up
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        for (int s = 0; s < decoded.size(); s += batch) {
            segmenter.segment(decoded.subList(s, Math.min(decoded.size(), s + batch)));
        }
        return new double[] {(System.nanoTime() - t0) / 1e6 / decoded.size(),
            (processCpuNanos() - cpu0) / 1e6 / decoded.size()};
    }

    private Run endToEnd(Segmenter segmenter, List<ImageRef> refs, Path root, Path results, int threadCount,
            List<String> images) {
        InspectorSettings settings = new InspectorSettings(List.of(root), FrameDecoder.DEFAULT_MAX_PIXELS, results,
                images.contains("classmap"), images.contains("overlay"), images.contains("defects"), 1, batch, "bench",
                device, threadCount);
        // where a frame's time goes in the timed run: wall time per stage, summed over the threads that ran it
        Map<StageTimer.Stage, LongAdder> stageNanos = new EnumMap<>(StageTimer.Stage.class);
        for (StageTimer.Stage stage : StageTimer.Stage.values()) {
            stageNanos.put(stage, new LongAdder());
        }
        AtomicBoolean timing = new AtomicBoolean();
        StageTimer stages = (stage, nanos) -> {
            if (timing.get()) {
                stageNanos.get(stage).add(nanos);
            }
        };
        int chunk = 4 * batch; // what the pipeline hands over per call
        try (FrameInspector inspector = new FrameInspector(settings, segmenter, stages)) {
            // warm-up of one call: the JIT compiles the encoders' Java side within the first few dozen images
            inspectAll(inspector, refs.subList(0, Math.min(chunk, refs.size())), chunk);
            timing.set(true);
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            List<InspectionResult> inspectedResults = inspectAll(inspector, refs, chunk);
            int inspected = inspectedResults.size();
            double ms = (System.nanoTime() - t0) / 1e6 / inspected;
            double cpuMs = (processCpuNanos() - cpu0) / 1e6 / inspected;
            timing.set(false);
            Map<String, Double> stageMs = new LinkedHashMap<>();
            stageNanos.forEach((stage, sum) -> stageMs.put(stage.name().toLowerCase(Locale.ROOT),
                    sum.sum() / 1e6 / inspected));
            int withRegions = (int) inspectedResults.stream()
                    .filter(r -> r.classes().stream().anyMatch(c -> !c.regions().isEmpty())).count();
            return new Run(threadCount, images, inspected, withRegions, ms, cpuMs, stageMs, inspectedResults);
        }
    }

    private static List<InspectionResult> inspectAll(FrameInspector inspector, List<ImageRef> refs, int chunk) {
        List<InspectionResult> results = new ArrayList<>();
        for (int s = 0; s < refs.size(); s += chunk) {
            for (FrameOutcome o : inspector.inspect(refs.subList(s, Math.min(refs.size(), s + chunk)))) {
                if (!(o instanceof FrameOutcome.Inspected inspected)) {
                    throw new IllegalStateException("benchmark frame not inspected: " + o);
                }
                results.add(inspected.result());
            }
        }
        return results;
    }

    private void report(Segmenter segmenter, List<Path> files, int cores, int intraOp, Round median,
            List<Round> measured, List<Run> runs, OnViewCost onView) throws IOException {
        Frame probe = new FrameDecoder(FrameDecoder.DEFAULT_MAX_PIXELS).decode(Files.readAllBytes(files.get(0)), "probe");
        Run main = median.run();
        double inferenceMs = median.inferenceMs();
        double outside = median.share();
        // the baseline's median round, on its own: each round's baseline is judged against that round's model alone
        Round eagerRound = measured.get(0).eager() == null ? null : Round.median(measured, r -> r.share(r.eager()));
        Run eager = eagerRound == null ? null : eagerRound.eager();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("frames", main.frames());
        out.put("frames_with_regions", main.framesWithRegions());
        out.put("clean_share", images != null ? null : cleanShare);
        out.put("frame_size", probe.width() + "x" + probe.height());
        out.put("batch", batch);
        out.put("device", segmenter.device());
        out.put("model", segmenter.modelInfo().name());
        out.put("model_sha256", segmenter.modelInfo().sha256());
        out.put("cores", cores);
        out.put("intra_op_threads", intraOp);
        out.put("threads", main.threads());
        out.put("result_images", main.images());
        out.put("inference_ms_per_frame", inferenceMs);
        out.put("inference_cpu_ms_per_frame", median.inferenceCpuMs());
        out.put("total_ms_per_frame", main.msPerFrame());
        out.put("frames_per_s", main.framesPerSecond());
        out.put("inference_only_frames_per_s", 1000.0 / inferenceMs);
        out.put("outside_inference_share", outside);
        out.put("cpu_ms_per_frame", main.cpuMsPerFrame());
        out.put("cpu_ms_outside_inference_per_frame", main.cpuMsPerFrame() - median.inferenceCpuMs());
        out.put("stage_ms_per_frame", main.stageMs());
        out.put("runs", runs.stream().map(Run::json).toList());
        if (eager != null) {
            Map<String, Object> baseline = eager.json();
            baseline.put("inference_ms_per_frame", eagerRound.inferenceMs());
            baseline.put("outside_inference_share", eagerRound.share(eager));
            baseline.put("cpu_ms_outside_inference_per_frame", eager.cpuMsPerFrame() - eagerRound.inferenceCpuMs());
            out.put("baseline_all_images_by_the_worker", baseline);
        }
        out.put("rounds", measured.stream().map(Round::json).toList());
        if (onView != null) {
            out.put("on_view", onView.json());
        }
        out.put("how", "process CPU time (all threads, GC and JIT included) over each timed run; each round runs the "
                + "model alone on the same frames (pre-decoded), then the worker, then the baseline; "
                + "outside_inference_share = 1 - inference_ms / total_ms of the same round; the figures are the round "
                + "of the median share (the baseline: its own median round)");
        out.put("java", System.getProperty("java.version"));
        out.put("jvm_heap_mb", Map.of("initial", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getInit() >> 20,
                "max", Runtime.getRuntime().maxMemory() >> 20));
        System.out.printf(Locale.ROOT, "worker: %.2f frames/s (%.1f ms/frame end to end; inference alone %.1f ms/frame);"
                + " outside inference %.1f%% of frame time; CPU %.1f ms/frame, %.1f of it outside inference"
                + " (device %s, batch %d, %d decode/render threads, %d intra-op, %d cores)%n", main.framesPerSecond(), main.msPerFrame(),
                inferenceMs, 100 * outside, main.cpuMsPerFrame(), main.cpuMsPerFrame() - median.inferenceCpuMs(),
                segmenter.device(), batch, main.threads(), intraOp, cores);
        if (eager != null) {
            System.out.printf(Locale.ROOT, "  baseline, all three images drawn by the worker: %.2f frames/s, outside"
                    + " inference %.1f%%, CPU %.1f ms/frame, %.1f of it outside inference%n", eager.framesPerSecond(),
                    100 * eagerRound.share(eager), eager.cpuMsPerFrame(), eager.cpuMsPerFrame() - eagerRound.inferenceCpuMs());
        }
        System.out.printf(Locale.ROOT, "  outside inference per round (%d rounds, median above): %s%s%n", measured.size(),
                measured.stream().map(r -> String.format(Locale.ROOT, "%.1f%%", 100 * r.share())).toList(),
                eager == null ? "" : "; baseline " + measured.stream()
                        .map(r -> String.format(Locale.ROOT, "%.1f%%", 100 * r.share(r.eager()))).toList());
        if (onView != null) {
            System.out.println("  " + onView);
        }
        for (Run r : runs) {
            System.out.printf(Locale.ROOT, "  %d thread(s): %.2f frames/s (%d of %d frames with regions), CPU %.1f"
                    + " ms/frame = %.2f frames/s per core; wall ms per frame and stage (stages overlap): %s%n",
                    r.threads(), r.framesPerSecond(), r.framesWithRegions(), r.frames(), r.cpuMsPerFrame(),
                    1000.0 / r.cpuMsPerFrame(), rounded(r.stageMs()));
        }
        if (json != null) {
            Files.writeString(json, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(out), StandardCharsets.UTF_8);
            System.out.println("wrote " + json);
        }
    }

    private static Map<String, String> rounded(Map<String, Double> ms) {
        Map<String, String> out = new LinkedHashMap<>();
        ms.forEach((k, v) -> out.put(k, String.format(Locale.ROOT, "%.1f", v)));
        return out;
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
