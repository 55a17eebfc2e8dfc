package dev.aoi.worker.bench;

import dev.aoi.common.cli.Commands;
import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.RegionResult;
import dev.aoi.imaging.ClassMap;
import dev.aoi.imaging.OpenCvLoader;
import dev.aoi.worker.vision.RegionMeasurer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.opencv.core.Core;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./aoi bench measure}: times {@link RegionMeasurer} on synthetic 1792² class maps with ~50 and ~2,000 regions
 * against two plain OpenCV baselines run in the same process (naive full-frame, and cropped to each region's bounding
 * box), after checking that all three find the same regions, areas and perimeters. Medians of the runs.
 */
@Command(name = "./aoi bench measure", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Region measurement on synthetic 1792² class maps with ~50 and ~2,000 regions: the worker's "
                + "RegionMeasurer against naive full-frame OpenCV and OpenCV cropped to each region, in the same run, "
                + "after checking that all three find the same regions, areas and perimeters. Medians of the runs."})
public final class MeasureBenchmark implements Callable<Integer> {

    private static final int SIZE = 1792;
    private static final int CLASSES = 4;
    private static final List<String> NAMES = List.of("PI_Particle", "PR_Peeling", "Copper_Nodule", "Env_Particle");

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures to FILE")
    Path json;

    @Option(names = "--runs", paramLabel = "N", description = "timed runs of RegionMeasurer and cropped OpenCV (default: ${DEFAULT-VALUE})")
    int runs = 21;

    @Option(names = "--warmup", paramLabel = "N", description = "untimed runs of RegionMeasurer first (default: ${DEFAULT-VALUE})")
    int warmup = 10;

    @Option(names = "--baseline-runs", paramLabel = "N",
            description = "timed runs of naive OpenCV on the 50-region frame (default: ${DEFAULT-VALUE})")
    int baselineRuns = 3;

    @Option(names = "--baseline-runs-2000", paramLabel = "N", description = "timed runs of naive OpenCV on the "
            + "2,000-region frame, about a minute each (default: ${DEFAULT-VALUE})")
    int baselineRuns2000 = 1;

    public static int run(String... args) {
        return Commands.run(new MeasureBenchmark(), args);
    }

    @Override
    public Integer call() throws IOException {
        if (runs < 1 || baselineRuns < 1 || baselineRuns2000 < 1 || warmup < 0) {
            throw new IllegalArgumentException("run counts must be at least 1 and --warmup at least 0");
        }
        OpenCvLoader.ensureLoaded();
        ClassMap fifty = SyntheticDefects.generate(50, SIZE, SIZE, CLASSES, 50, 15, 90);
        ClassMap twoThousand = SyntheticDefects.generate(2000, SIZE, SIZE, CLASSES, 2000, 2, 14);
        RegionMeasurer measurer = new RegionMeasurer(NAMES, 1);

        Map<String, Object> figures = new LinkedHashMap<>();
        for (Map.Entry<String, ClassMap> frame : List.of(Map.entry("50", fifty), Map.entry("2000", twoThousand))) {
            String key = frame.getKey();
            ClassMap map = frame.getValue();
            List<ClassResult> ours = measurer.measure(map);
            // The check runs double as the baselines' warm-up.
            requireSameRegions(key + " (cropped OpenCV)", ours, NaiveOpenCvMeasurer.measureCropped(map, CLASSES));
            requireSameRegions(key + " (naive OpenCV)", ours, NaiveOpenCvMeasurer.measure(map, CLASSES));
            int regions = ours.stream().mapToInt(ClassResult::totalRegions).sum();
            double[] measureRuns = runMillis(() -> measurer.measure(map), warmup, runs);
            double measureMs = median(measureRuns);
            double croppedMs = medianMillis(() -> NaiveOpenCvMeasurer.measureCropped(map, CLASSES), 2, runs);
            int naiveRuns = key.equals("50") ? baselineRuns : baselineRuns2000;
            double baselineMs = medianMillis(() -> NaiveOpenCvMeasurer.measure(map, CLASSES), 0, naiveRuns);
            figures.put("regions_" + key, regions);
            figures.put("measure_ms_" + key, measureMs);
            figures.put("measure_min_ms_" + key, measureRuns[0]);
            figures.put("baseline_ms_" + key, baselineMs);
            figures.put("speedup_" + key, baselineMs / measureMs);
            figures.put("opencv_cropped_ms_" + key, croppedMs);
            figures.put("speedup_vs_cropped_" + key, croppedMs / measureMs);
            System.out.printf(Locale.ROOT, "%4s blobs (%d regions): RegionMeasurer %.2f ms, cropped OpenCV %.1f ms, "
                    + "naive OpenCV %.1f ms (speedup %.1fx)%n", key, regions, measureMs, croppedMs, baselineMs,
                    baselineMs / measureMs);
        }
        figures.put("frame", SIZE + "x" + SIZE);
        figures.put("classes", CLASSES);
        figures.put("runs", runs);
        figures.put("warmup_runs", warmup);
        figures.put("baseline_runs_50", baselineRuns);
        figures.put("baseline_runs_2000", baselineRuns2000);
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        figures.put("java_version", System.getProperty("java.version"));
        figures.put("jvm", System.getProperty("java.vm.name"));
        figures.put("os_arch", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        figures.put("opencv_version", Core.VERSION);
        figures.put("opencv_threads", Core.getNumThreads());
        figures.put("cpu", cpuModel());
        // A shared machine's other work shows in every number above: keep the load next to them.
        figures.put("load_average_1m", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (json != null) {
            Files.writeString(json, toJson(figures), StandardCharsets.UTF_8);
            System.out.println("wrote " + json);
        }
        return 0;
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
        return median(runMillis(work, warmup, runs));
    }

    /** The times of {@code runs} runs after {@code warmup} untimed ones, sorted. */
    private static double[] runMillis(Supplier<?> work, int warmup, int runs) {
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
        return millis;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
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
}
