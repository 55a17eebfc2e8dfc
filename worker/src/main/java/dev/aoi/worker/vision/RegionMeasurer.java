package dev.aoi.worker.vision;

import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.RegionResult;
import dev.aoi.imaging.ClassMap;
import dev.aoi.imaging.OpenCvLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Measures every region of every class of a class map exactly as docs/measurement.md defines it. Holds no state
 * between calls, so one instance can serve several threads.
 */
public final class RegionMeasurer {

    /** Bounds the memory of one contour canvas (1 byte a pixel) on very large frames. */
    private static final int MAX_CANVAS_PIXELS = 1 << 26;

    private final List<String> classNames;
    private final int minAreaPixels;

    /** A measurer that keeps every region, however small (the default minimum area of 1 pixel, docs/measurement.md). */
    public RegionMeasurer(List<String> classNames) {
        this(classNames, 1);
    }

    /**
     * @param classNames    the model's class names: index i names class id i + 1
     * @param minAreaPixels regions with fewer pixels are dropped before numbering (default 1, docs/measurement.md)
     */
    public RegionMeasurer(List<String> classNames, int minAreaPixels) {
        this.classNames = List.copyOf(Objects.requireNonNull(classNames, "classNames"));
        if (this.classNames.isEmpty() || this.classNames.size() > ClassMap.MAX_CHANNELS - 1) {
            throw new IllegalArgumentException("a model has 1.." + (ClassMap.MAX_CHANNELS - 1)
                    + " classes, got " + this.classNames.size());
        }
        if (minAreaPixels < 1) {
            throw new IllegalArgumentException("the minimum region area must be at least 1 pixel, got "
                    + minAreaPixels);
        }
        for (String name : this.classNames) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("class names must not be blank: " + this.classNames);
            }
        }
        this.minAreaPixels = minAreaPixels;
        OpenCvLoader.ensureLoaded();
    }

    /**
     * One result per class of the model, in class-id order, classes without regions included.
     *
     * @throws IllegalArgumentException if the map holds a class index the model does not have
     */
    public List<ClassResult> measure(ClassMap map) {
        ConnectedComponents components = ConnectedComponents.of(map);
        int classes = classNames.size();
        int[] kept = new int[components.count];
        int keptCount = 0;
        for (int k = 0; k < components.count; k++) {
            if (components.classIndex[k] > classes) {
                throw new IllegalArgumentException("the class map holds class index " + components.classIndex[k]
                        + " but the model has only " + classes + " classes " + classNames);
            }
            if (components.area[k] >= minAreaPixels) {
                kept[keptCount++] = k;
            }
        }
        kept = Arrays.copyOf(kept, keptCount);
        // A frame-sized canvas takes any component's tile, and usually all of them at once.
        int canvasWidth = map.width() + 2;
        long framePixels = (long) canvasWidth * (map.height() + 2);
        double[] perimeters = ContourPerimeter.of(components, kept, canvasWidth,
                (int) Math.min(framePixels, MAX_CANVAS_PIXELS));
        List<List<RegionResult>> regions = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            regions.add(new ArrayList<>());
        }
        for (int i = 0; i < keptCount; i++) {
            int k = kept[i];
            List<RegionResult> ofClass = regions.get(components.classIndex[k] - 1);
            // Components come in raster order of their first pixel, so ids follow the numbering of docs/measurement.md.
            ofClass.add(measureOne(components, k, ofClass.size() + 1, perimeters[i]));
        }
        List<ClassResult> results = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            results.add(ClassResult.of(c + 1, classNames.get(c), regions.get(c)));
        }
        return List.copyOf(results);
    }

    private static RegionResult measureOne(ConnectedComponents components, int k, int regionId, double perimeter) {
        int left = components.minX[k];
        int top = components.minY[k];
        int width = components.maxX[k] - left + 1;
        int height = components.maxY[k] - top + 1;
        int area = components.area[k];
        requireExactSums(area, width, height);
        ShapeMoments moments = new ShapeMoments();
        for (int i = components.firstRun[k]; i < components.firstRun[k + 1]; i++) {
            int r = components.runsByComponent[i];
            moments.addRun(components.runRow[r] - top, components.runStart[r] - left, components.runEnd[r] - left);
        }
        double[] axes = moments.axes();
        double circularity = perimeter == 0 ? 1 : Math.min(1, 4 * Math.PI * area / (perimeter * perimeter));
        return new RegionResult(regionId, left + moments.meanX(), top + moments.meanY(), left, top, width, height,
                area, perimeter, axes[0], axes[1], circularity, axes[0] / axes[1]);
    }

    /** The moment sums stay exact longs while area·side² < 2^62: always so up to 2^26 pixels with sides ≤ 2^18. */
    private static void requireExactSums(int area, int width, int height) {
        double side = Math.max(width, height);
        if (area * side * side >= 0x1p62) {
            throw new IllegalArgumentException("a region of " + area + " pixels spanning " + width + "x" + height
                    + " is too large for exact moment sums; split the frame into tiles");
        }
    }
}
