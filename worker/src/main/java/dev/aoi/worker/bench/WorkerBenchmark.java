package dev.aoi.worker.bench;

import dev.aoi.common.event.ImageRef;
import dev.aoi.worker.decode.Frame;
import dev.aoi.worker.decode.FrameDecoder;
import dev.aoi.worker.inference.OnnxSegmenter;
import dev.aoi.worker.inspect.FrameInspector;
import dev.aoi.worker.inspect.FrameOutcome;
import dev.aoi.worker.inspect.InspectorSettings;
import dev.aoi.worker.inspect.StageTimer;
import dev.aoi.worker.vision.OpenCvLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench worker [--model M.onnx] [--frames N] [--batch B] [--device D] [--intra-op-threads T]
 * [--no-result-images] [--images DIR] [--json FILE]}: one worker's throughput on this machine through the whole
 * inspection path (decode, inference, measurement, result images), against the model's own inference time on the
 * same frames measured in the same run; the
 * difference is the share of frame time spent outside inference.
 */
public final class WorkerBenchmark {

    private WorkerBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path model = Path.of("models/aoi-demo.onnx");
        int frames = 24;
        int batch = 4;
        int intraOpThreads = 0;
        boolean resultImages = true;
        String device = "auto";
        Path images = null;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[++i]);
                case "--frames" -> frames = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--device" -> device = args[++i];
                case "--intra-op-threads" -> intraOpThreads = Integer.parseInt(args[++i]);
                case "--no-result-images" -> resultImages = false;
                case "--images" -> images = Path.of(args[++i]);
                case "--json" -> json = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: bench worker [--model M] [--frames N] [--batch B] [--device D]"
                        + " [--intra-op-threads T] [--no-result-images] [--images DIR] [--json F]");
            }
        }
        OpenCvLoader.ensureLoaded();
        Path work = Files.createTempDirectory("aoi-bench-worker-");
        try {
            List<Path> files = images != null ? listImages(images, frames) : synthesise(work.resolve("frames"), frames);
            Path root = images != null ? images.toAbsolutePath() : work.resolve("frames");
            int cores = Runtime.getRuntime().availableProcessors();
            InspectorSettings settings = new InspectorSettings(List.of(root), FrameDecoder.DEFAULT_MAX_PIXELS,
                    work.resolve("results"), resultImages, resultImages, resultImages, 1, batch, "bench", device,
                    Math.max(1, cores));
            List<ImageRef> refs = new ArrayList<>();
            for (Path f : files) {
                refs.add(ImageRef.of(f.getFileName().toString().replaceAll("[^A-Za-z0-9._:-]", "_"),
                        f.toAbsolutePath().toString(), Instant.now()));
            }

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
            try (OnnxSegmenter segmenter = OnnxSegmenter.open(model, new OnnxSegmenter.Options(device, intraOpThreads));
                    FrameInspector inspector = new FrameInspector(settings, segmenter, stages)) {
                // inference alone on pre-decoded frames: the floor a worker cannot go below
                FrameDecoder decoder = new FrameDecoder(FrameDecoder.DEFAULT_MAX_PIXELS);
                List<Frame> decoded = new ArrayList<>();
                for (Path f : files) {
                    decoded.add(decoder.decode(Files.readAllBytes(f), f.toString()));
                }
                segmenter.segment(decoded.subList(0, Math.min(batch, decoded.size()))); // warm-up
                long t0 = System.nanoTime();
                for (int s = 0; s < decoded.size(); s += batch) {
                    segmenter.segment(decoded.subList(s, Math.min(decoded.size(), s + batch)));
                }
                double inferenceMs = (System.nanoTime() - t0) / 1e6 / decoded.size();
                decoded.clear();

                inspector.inspect(refs.subList(0, Math.min(batch, refs.size()))); // warm-up
                timing.set(true);
                long t1 = System.nanoTime();
                int inspected = 0;
                int chunk = 4 * batch; // what the pipeline hands over per call
                for (int s = 0; s < refs.size(); s += chunk) {
                    for (FrameOutcome o : inspector.inspect(refs.subList(s, Math.min(refs.size(), s + chunk)))) {
                        if (!(o instanceof FrameOutcome.Inspected)) {
                            throw new IllegalStateException("benchmark frame not inspected: " + o);
                        }
                        inspected++;
                    }
                }
                double totalMs = (System.nanoTime() - t1) / 1e6 / inspected;
                timing.set(false);
                Map<String, Double> stageMs = new LinkedHashMap<>();
                int perFrame = inspected;
                stageNanos.forEach((stage, sum) -> stageMs.put(stage.name().toLowerCase(Locale.ROOT),
                        sum.sum() / 1e6 / perFrame));
                double outside = Math.max(0, (totalMs - inferenceMs) / totalMs);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("frames", inspected);
                out.put("frame_size", decoder.decode(Files.readAllBytes(files.get(0)), "probe").width() + "x"
                        + decoder.decode(Files.readAllBytes(files.get(0)), "probe").height());
                out.put("batch", batch);
                out.put("device", segmenter.device());
                out.put("model", inspector.model().name());
                out.put("model_sha256", inspector.model().sha256());
                out.put("cores", cores);
                out.put("intra_op_threads", intraOpThreads);
                out.put("result_images", resultImages ? "class map PNG, overlay JPEG, defect sheet JPEG (the defaults)" : "none");
                out.put("inference_ms_per_frame", inferenceMs);
                out.put("total_ms_per_frame", totalMs);
                out.put("frames_per_s", 1000.0 / totalMs);
                out.put("inference_only_frames_per_s", 1000.0 / inferenceMs);
                out.put("outside_inference_share", outside);
                out.put("stage_ms_per_frame", stageMs);
                out.put("java", System.getProperty("java.version"));
                System.out.printf(Locale.ROOT, "worker: %.2f frames/s (%.1f ms/frame end to end; inference alone %.1f ms/frame);"
                        + " outside inference %.1f%% of frame time (device %s, batch %d, %d cores)%n",
                        1000.0 / totalMs, totalMs, inferenceMs, 100 * outside, segmenter.device(), batch, cores);
                System.out.println("  wall time per frame and stage (stages overlap on " + cores + " cores): " + stageMs);
                if (json != null) {
                    Files.writeString(json, toJson(out), StandardCharsets.UTF_8);
                    System.out.println("wrote " + json);
                }
            }
    
        } finally {
            FileSystemUtils.deleteRecursively(work); // the synthetic frames and result images
        }
    }

    private static List<Path> listImages(Path dir, int limit) throws IOException {
        try (var s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.toString().matches("(?i).*\\.(png|jpe?g|bmp|tiff?)$"))
                    .filter(p -> !p.getFileName().toString().contains("mask")).sorted().limit(limit).toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no images in " + dir);
            }
            return files;
        }
    }

    /** 1792² frames like the line's: amber substrate with texture, copper-coloured tracks, dark and bright specks. */
    private static List<Path> synthesise(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < n; i++) {
            Mat img = new Mat(1792, 1792, CvType.CV_8UC3, new Scalar(40, 120, 200));
            Mat noise = new Mat(1792, 1792, CvType.CV_8UC3);
            try {
                Core.randn(noise, 0, 12);
                Core.add(img, noise, img);
                for (int t = 0; t < 30; t++) {
                    int y = random.nextInt(1792);
                    Imgproc.line(img, new Point(0, y), new Point(1791, y + random.nextInt(200) - 100),
                            new Scalar(60, 140, 210), 8 + random.nextInt(20));
                }
                for (int d = 0; d < 50; d++) {
                    Imgproc.circle(img, new Point(random.nextInt(1792), random.nextInt(1792)), 3 + random.nextInt(25),
                            d % 2 == 0 ? new Scalar(20, 20, 20) : new Scalar(230, 230, 230), -1);
                }
                Path file = dir.resolve(String.format(Locale.ROOT, "frame-%04d.png", i));
                Imgcodecs.imwrite(file.toString(), img);
                files.add(file);
            } finally {
                img.release();
                noise.release();
            }
        }
        return files;
    }

    private static String toJson(Map<String, Object> map) {
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(map);
    }
}
