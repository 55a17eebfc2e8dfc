package dev.aoi.worker.bench;

import dev.aoi.common.event.ModelInfo;
import dev.aoi.imaging.ClassMap;
import dev.aoi.imaging.Frame;
import dev.aoi.worker.inference.Segmenter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code --model null}: a model that costs nothing. Every frame gets the same synthetic class map of its size
 * (about 50 irregular regions in four classes, made once per size), so measuring and rendering have the work of
 * a frame with defects while inference takes no time: what the bench then measures is what the CPU side of a
 * worker sustains when a GPU does the model.
 */
final class NullSegmenter implements Segmenter {

    static final String NAME = "null";
    private static final List<String> CLASSES = List.of("PI_Particle", "PR_Peeling", "Copper_Nodule", "Env_Particle");

    private final Map<Long, ClassMap> maps = new ConcurrentHashMap<>();

    @Override
    public ModelInfo modelInfo() {
        return new ModelInfo("null (no-cost stand-in)", "0".repeat(64));
    }

    @Override
    public List<String> classNames() {
        return CLASSES;
    }

    @Override
    public String device() {
        return "none";
    }

    @Override
    public List<ClassMap> segment(List<Frame> frames) {
        List<ClassMap> out = new ArrayList<>(frames.size());
        for (Frame f : frames) {
            out.add(maps.computeIfAbsent(((long) f.width() << 32) | f.height(), k -> map(f.width(), f.height())));
        }
        return out;
    }

    /** Regions sized as on a 1792² frame, smaller on small frames; none on frames too small to hold one. */
    private static ClassMap map(int width, int height) {
        int side = Math.min(width, height);
        if (side < 64) {
            return ClassMap.of(new byte[width * height], width, height);
        }
        double maxRadius = Math.min(28, side / 16.0);
        return SyntheticDefects.generate(7, width, height, CLASSES.size(), 50, Math.min(3, maxRadius / 2), maxRadius);
    }

    @Override
    public void close() {
        maps.clear();
    }
}
