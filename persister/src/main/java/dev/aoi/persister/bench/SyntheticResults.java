package dev.aoi.persister.bench;

import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.common.event.ModelInfo;
import dev.aoi.common.event.RegionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Deterministic, plausible results for benchmarks and tests: same seed, same results. */
public final class SyntheticResults {

    public static final List<String> CLASS_NAMES = List.of("PI_Particle", "PR_Peeling", "Copper_Nodule", "Env_Particle");
    public static final Instant EPOCH = Instant.parse("2026-11-01T06:00:00Z");
    private static final ModelInfo MODEL = new ModelInfo("aoi-unet-v1",
            "3f786850e387550fdab836ed7e6dc881de23001b3f786850e387550fdab836e0".substring(0, 64));

    private final long seed;

    public SyntheticResults(long seed) {
        this.seed = seed;
    }

    /** The id of image number {@code n}, shaped like a camera gateway's. */
    public static String imageId(int n) {
        return String.format("line1-cam%02d-20261101-%07d", n % 8, n);
    }

    /** {@code count} results of distinct images, {@code regionsPerImage} regions spread over the four classes. */
    public List<InspectionResult> results(int count, int regionsPerImage, Instant processedAt) {
        List<InspectionResult> out = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            out.add(result(imageId(n), n, regionsPerImage, processedAt));
        }
        return out;
    }

    /** The result of image {@code id}; {@code variant} picks the measurements, so results differ by variant. */
    public InspectionResult result(String id, int variant, int regionsPerImage, Instant processedAt) {
        return result(id, variant, regionsPerImage, processedAt, EPOCH.plus(Duration.ofMillis(variant * 250L)));
    }

    /** The same, captured at {@code captured}. */
    public InspectionResult result(String id, int variant, int regionsPerImage, Instant processedAt, Instant captured) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + variant);
        List<List<RegionResult>> perClass = new ArrayList<>();
        for (int c = 0; c < CLASS_NAMES.size(); c++) {
            perClass.add(new ArrayList<>());
        }
        for (int k = 0; k < regionsPerImage; k++) {
            List<RegionResult> list = perClass.get(k % CLASS_NAMES.size());
            list.add(region(random, list.size() + 1));
        }
        List<ClassResult> classes = new ArrayList<>();
        for (int c = 0; c < CLASS_NAMES.size(); c++) {
            classes.add(ClassResult.of(c + 1, CLASS_NAMES.get(c), perClass.get(c)));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("lot", "L" + (variant / 1000));
        attributes.put("panel", "P" + (variant % 1000));
        return new InspectionResult(1, id, "file:/data/frames/" + id + ".png", "cam" + (variant % 8), captured,
                attributes, 1792, 1792, processedAt, 0.05 + random.nextDouble() * 0.1, "worker-1", MODEL,
                List.of("file:/data/results/" + id + "_overlay.jpg", "file:/data/results/" + id + "_classes.png"),
                classes);
    }

    private static RegionResult region(SplittableRandom random, int regionId) {
        int w = 1 + random.nextInt(60);
        int h = 1 + random.nextInt(60);
        int x = random.nextInt(1792 - w);
        int y = random.nextInt(1792 - h);
        int area = Math.max(1, (int) (w * h * (0.4 + random.nextDouble() * 0.5)));
        double major = 4 * Math.sqrt(Math.max(w, h) * Math.max(w, h) / 12.0 + 1 / 12.0);
        double minor = 4 * Math.sqrt(Math.min(w, h) * Math.min(w, h) / 12.0 + 1 / 12.0);
        double perimeter = 2.0 * (w + h) * (0.8 + random.nextDouble() * 0.3);
        double circularity = Math.min(1, 4 * Math.PI * area / (perimeter * perimeter));
        return new RegionResult(regionId, x + w / 2.0, y + h / 2.0, x, y, w, h, area, perimeter, major, minor,
                circularity, major / minor);
    }
}
