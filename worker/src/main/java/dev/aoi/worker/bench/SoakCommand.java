package dev.aoi.worker.bench;

import dev.aoi.common.cli.Commands;
import dev.aoi.common.event.ImageRef;
import dev.aoi.imaging.OpenCvLoader;
import dev.aoi.worker.inference.InvalidModelException;
import dev.aoi.worker.inspect.FrameInspector;
import dev.aoi.worker.inspect.FrameOutcome;
import dev.aoi.worker.inspect.FrameOutcome.Inspected;
import dev.aoi.worker.inspect.InspectorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./aoi bench soak}: runs N small synthetic frames through the whole {@link FrameInspector} path (decode,
 * inference, measurement, all three result images) and prints the process's resident memory every 500 frames. A
 * native leak (an unclosed tensor, result or Mat) shows as RSS that keeps climbing after warm-up; a healthy run
 * levels off.
 */
@Command(name = "./aoi bench soak", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Native memory over many frames: small synthetic frames through the whole inspection path "
                + "(decode, inference, measurement, all three result images), the process's resident memory printed "
                + "every 500 frames as JSON. A leak climbs after warm-up; a healthy run levels off."})
public final class SoakCommand implements Callable<Integer> {

    private static final int EVERY = 500;
    private static final int DISTINCT = 8;

    @Option(names = "--model", paramLabel = "M.onnx", description = "the model (default: ${DEFAULT-VALUE})")
    Path model = Path.of("models/aoi-demo.onnx");

    @Option(names = "--frames", paramLabel = "N", description = "frames to inspect (default: ${DEFAULT-VALUE})")
    int frames = 10_000;

    @Option(names = "--size", paramLabel = "PX", description = "the frames' width and height (default: ${DEFAULT-VALUE})")
    int size = 256;

    @Option(names = "--batch", paramLabel = "N", description = "frames per model run (default: ${DEFAULT-VALUE})")
    int batch = 4;

    @Option(names = "--device", paramLabel = "auto|cuda|cpu", description = "where the model runs (default: ${DEFAULT-VALUE})")
    String device = "auto";

    @Option(names = "--json", paramLabel = "FILE", description = "also write the summary as JSON")
    Path json;

    public static int run(String... args) {
        return Commands.run(new SoakCommand(), args);
    }

    @Override
    public Integer call() {
        if (frames < 1 || batch < 1) {
            throw new IllegalArgumentException("--frames and --batch must be at least 1");
        }
        if (size < 16) {
            throw new IllegalArgumentException("--size must be at least 16 pixels, got " + size);
        }
        try {
            Path work = Files.createTempDirectory("aoi-soak");
            try {
                soak(work);
                return 0;
            } finally {
                deleteTree(work);
            }
        } catch (InvalidModelException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // --model names no usable model: a usage error
        } catch (IOException e) {
            System.err.println("./aoi bench soak: " + e);
            return 1;
        }
    }

    private void soak(Path work) throws IOException {
        List<ImageRef> refs = syntheticFrames(work.resolve("in"), size);
        InspectorSettings settings = new InspectorSettings(List.of(work.resolve("in")), 64_000_000L,
                work.resolve("out"), true, true, true, 1, batch, "soak", device, 2);
        List<String> samples = new ArrayList<>();
        long t0 = System.nanoTime();
        try (FrameInspector inspector = FrameInspector.open(model, settings)) {
            int done = 0;
            while (done < frames) {
                List<ImageRef> chunk = new ArrayList<>();
                for (int i = 0; i < Math.min(4 * batch, frames - done); i++) {
                    chunk.add(refs.get((done + i) % refs.size()));
                }
                for (FrameOutcome o : inspector.inspect(chunk)) {
                    if (!(o instanceof Inspected)) {
                        throw new IllegalStateException("soak frame not inspected: " + o);
                    }
                }
                int before = done;
                done += chunk.size();
                if (done / EVERY > before / EVERY || done == frames) {
                    double s = (System.nanoTime() - t0) / 1e9;
                    String line = String.format(Locale.ROOT,
                            "{\"frames\":%d,\"seconds\":%.1f,\"rss_mib\":%.1f,\"heap_used_mib\":%.1f,"
                            + "\"heap_committed_mib\":%.1f}", done, s, rssKib() / 1024.0,
                            usedHeap() / 1048576.0, Runtime.getRuntime().totalMemory() / 1048576.0);
                    System.out.println(line);
                    samples.add(line);
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String summary = String.format(Locale.ROOT, "{\"bench\":\"soak\",\"frames\":%d,\"size\":%d,"
                + "\"batch\":%d,\"seconds\":%.2f,\"frames_per_second\":%.1f,\"samples\":[%s]}", frames, size,
                batch, seconds, frames / seconds, String.join(",", samples));
        if (json != null) {
            Files.writeString(json, summary + "\n");
        }
        System.err.println(summary);
    }

    /** A few of the benchmarks' synthetic frames as PNG files; ids cycle so outputs overwrite. */
    private static List<ImageRef> syntheticFrames(Path dir, int size) throws IOException {
        OpenCvLoader.ensureLoaded();
        Files.createDirectories(dir);
        List<ImageRef> refs = new ArrayList<>();
        for (int k = 0; k < DISTINCT; k++) {
            Mat img = BenchFrames.pcb(size, 42 + k, false);
            try {
                Path file = dir.resolve("soak-" + k + ".png");
                Imgcodecs.imwrite(file.toString(), img);
                refs.add(ImageRef.of("soak-" + k, file.toString(), Instant.now()));
            } finally {
                img.release();
            }
        }
        return refs;
    }

    /** Resident set size from /proc/self/status (Linux), -1 elsewhere. */
    static long rssKib() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(-1L);
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + root + ": " + e.getMessage());
        }
    }
}
