package dev.aoi.worker.bench;

import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.RegionResult;
import dev.aoi.worker.vision.ClassMap;
import dev.aoi.worker.vision.OpenCvLoader;
import dev.aoi.worker.vision.RegionMeasurer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.opencv.core.Core;

/**
 * {@code bench measure [--json FILE] [--runs N] [--warmup N] [--baseline-runs N]}: times {@link RegionMeasurer}
 * on synthetic 1792² class maps with ~50 and ~2,000 regions against a naive full-frame OpenCV baseline run in
 * the same process, and checks that both found the same regions.
 */
public final class MeasureBenchmark {

    private static final int SIZE = 1792;
    private static final int CLASSES = 4;
    private static final List<String> NAMES = List.of("PI_Particle", "PR_Peeling", "Copper_Nodule", "Env_Particle");

    private MeasureBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        OpenCvLoader.ensureLoaded();
        ClassMap fifty = SyntheticDefects.generate(50, SIZE, SIZE, CLASSES, 50, 15, 90);
        ClassMap twoThousand = SyntheticDefects.generate(2000, SIZE, SIZE, CLASSES, 2000, 2, 14);
        RegionMeasurer measurer = new RegionMeasurer(NAMES, 1);

        Map<String, Object> json = new LinkedHashMap<>();
        for (Map.Entry<String, ClassMap> frame : List.of(Map.entry("50", fifty), Map.entry("2000", twoThousand))) {
            ClassMap map = frame.getValue();
            List<ClassResult> ours = measurer.measure(map);
            NaiveOpenCvMeasurer.Totals naive = NaiveOpenCvMeasurer.measure(map, CLASSES);
            int regions = ours.stream().mapToInt(ClassResult::totalRegions).sum();
            requireSameRegions(frame.getKey(), ours, naive);
            double measureMs = medianMillis(() -> measurer.measure(map), options.warmup, options.runs);
            double baselineMs = medianMillis(() -> NaiveOpenCvMeasurer.measure(map, CLASSES), 1, options.baselineRuns);
            json.put("regions_" + frame.getKey(), regions);
            json.put("measure_ms_" + frame.getKey(), measureMs);
            json.put("baseline_ms_" + frame.getKey(), baselineMs);
            json.put("speedup_" + frame.getKey(), baselineMs / measureMs);
            System.out.printf(Locale.ROOT, "%4s blobs (%d regions): RegionMeasurer %.2f ms, naive OpenCV %.1f ms, "
                    + "speedup %.1fx%n", frame.getKey(), regions, measureMs, baselineMs, baselineMs / measureMs);
        }
        json.put("frame", SIZE + "x" + SIZE);
        json.put("classes", CLASSES);
        json.put("runs", options.runs);
        json.put("warmup_runs", options.warmup);
        json.put("baseline_runs", options.baselineRuns);
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("java_version", System.getProperty("java.version"));
        json.put("jvm", System.getProperty("java.vm.name"));
        json.put("os_arch", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        json.put("opencv_version", Core.VERSION);
        json.put("opencv_threads", Core.getNumThreads());
        json.put("cpu", cpuModel());
        if (options.json != null) {
            Files.writeString(options.json, toJson(json), StandardCharsets.UTF_8);
            System.out.println("wrote " + options.json);
        }
    }

    private static void requireSameRegions(String frame, List<ClassResult> ours, NaiveOpenCvMeasurer.Totals naive) {
        int regions = ours.stream().mapToInt(ClassResult::totalRegions).sum();
        long area = ours.stream().mapToLong(ClassResult::totalAreaPixels).sum();
        double perimeter = ours.stream().flatMap(c -> c.regions().stream()).mapToDouble(RegionResult::perimeter).sum();
        if (regions != naive.regions() || area != naive.area()
                || Math.abs(perimeter - naive.perimeter()) > 1e-6 * perimeter) {
            throw new IllegalStateException("frame " + frame + ": RegionMeasurer found " + regions + " regions, "
                    + area + " px, perimeter sum " + perimeter + " but the baseline " + naive);
        }
    }

    private static double medianMillis(Supplier<?> work, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) {
            work.get();
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return runs % 2 == 1 ? millis[runs / 2] : (millis[runs / 2 - 1] + millis[runs / 2]) / 2;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String toJson(Map<String, Object> fields) {
        StringBuilder out = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            Object value = field.getValue();
            String rendered = value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d)
                    : value instanceof Number ? value.toString()
                    : "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            out.append("  \"").append(field.getKey()).append("\": ").append(rendered)
                    .append(++i < fields.size() ? ",\n" : "\n");
        }
        return out.append("}\n").toString();
    }

    private record Options(Path json, int runs, int warmup, int baselineRuns) {
        static Options parse(String[] args) {
            Path json = null;
            int runs = 21;
            int warmup = 10;
            int baselineRuns = 3;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--json" -> json = Path.of(require(args[i], value));
                    case "--runs" -> runs = Integer.parseInt(require(args[i], value));
                    case "--warmup" -> warmup = Integer.parseInt(require(args[i], value));
                    case "--baseline-runs" -> baselineRuns = Integer.parseInt(require(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; usage: bench measure [--json FILE] [--runs N] [--warmup N] [--baseline-runs N]");
                }
                i++;
            }
            if (runs < 1 || baselineRuns < 1 || warmup < 0) {
                throw new IllegalArgumentException("--runs and --baseline-runs must be ≥ 1, --warmup ≥ 0");
            }
            return new Options(json, runs, warmup, baselineRuns);
        }

        private static String require(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }
}
