package dev.aoi.console.files;

import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.RegionResult;
import dev.aoi.console.images.FileKind;
import dev.aoi.console.regions.RegionRow;
import dev.aoi.imaging.ClassMap;
import dev.aoi.imaging.Frame;
import dev.aoi.imaging.FrameDecoder;
import dev.aoi.imaging.ResultPictures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * A frame's overlay and defect sheet when the worker did not write them (its default: it writes the class map
 * only, docs/worker-throughput.md): drawn when someone asks, from the stored frame, its class map and its stored
 * regions, with the worker's own painters ({@link ResultPictures}), so the picture is byte for byte the one the
 * worker would have written. Kept in a bounded in-memory cache keyed by the result they were drawn from: a
 * reprocess (a newer {@code processed_at}) is drawn anew, never served stale. Thread-safe.
 */
public final class FramePictures {

    /** What can be drawn: the overlay and the defect sheet. */
    public enum Kind {
        OVERLAY(FileKind.OVERLAY, "overlay"), DEFECT_SHEET(FileKind.DEFECT_SHEET, "defect sheet");

        private final FileKind fileKind;
        private final String label;

        Kind(FileKind fileKind, String label) {
            this.fileKind = fileKind;
            this.label = label;
        }

        public FileKind fileKind() {
            return fileKind;
        }

        public String label() {
            return label;
        }
    }

    /** One picture of one stored result; the file locations are in the key so that a moved file is read again. */
    public record Key(String imgUniqueId, Kind kind, Instant processedAt, String input, String classMap) {
    }

    private static final int DRAWING_AT_ONCE = 2; // each holds a decoded frame (3 bytes a pixel) and its class map

    private final long maxCachedBytes;
    private final Semaphore drawing = new Semaphore(DRAWING_AT_ONCE);
    private final LinkedHashMap<Key, byte[]> cache = new LinkedHashMap<>(16, 0.75f, true); // least recently used first
    private long cachedBytes;

    public FramePictures(long maxCachedBytes) {
        if (maxCachedBytes < 0) {
            throw new IllegalArgumentException("the picture cache size must not be negative, got " + maxCachedBytes);
        }
        this.maxCachedBytes = maxCachedBytes;
    }

    /**
     * The picture of {@code key} as JPEG, from the cache or drawn now.
     *
     * @param classMap the class map's file; only the overlay reads it (null for the sheet)
     * @param regions the frame's stored regions, read only when the picture is drawn
     * @throws NoRegionException when the frame has no region: its overlay would be the frame itself
     * @throws IllegalArgumentException when the frame or the class map cannot be read as images, or disagree
     */
    public byte[] picture(Key key, Path input, Path classMap, Supplier<List<RegionRow>> regions) {
        byte[] cached = cached(key);
        if (cached != null) {
            return cached;
        }
        List<ClassResult> classes = classes(regions.get());
        if (!ResultPictures.hasRegions(classes)) {
            throw new NoRegionException(key.imgUniqueId() + " has no region: its " + key.kind().label()
                    + " would show nothing the frame does not");
        }
        byte[] drawn;
        drawing.acquireUninterruptibly();
        try {
            drawn = draw(key.kind(), input, classMap, classes);
        } finally {
            drawing.release();
        }
        remember(key, drawn);
        return drawn;
    }

    private static byte[] draw(Kind kind, Path input, Path classMapFile, List<ClassResult> classes) {
        Frame frame = new FrameDecoder(FrameDecoder.DEFAULT_MAX_PIXELS).decode(bytes(input), input.getFileName().toString());
        if (kind == Kind.DEFECT_SHEET) {
            return ResultPictures.defectSheetJpeg(frame, classes);
        }
        ClassMap map = ResultPictures.readClassMap(bytes(classMapFile));
        return ResultPictures.overlayJpeg(frame, map, classes);
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The stored regions as the worker emitted them: classes by id, regions by id within a class (the painters
     * order by area and break ties by that order). A region without a stored box cannot be drawn and is left out.
     */
    static List<ClassResult> classes(List<RegionRow> rows) {
        Map<Integer, List<RegionRow>> byClass = new TreeMap<>();
        for (RegionRow r : rows) {
            if (r.bboxX() != null && r.bboxY() != null && r.bboxWidth() != null && r.bboxHeight() != null
                    && r.areaPixels() != null && r.areaPixels() > 0) {
                byClass.computeIfAbsent(r.classId(), c -> new ArrayList<>()).add(r);
            }
        }
        List<ClassResult> classes = new ArrayList<>();
        byClass.forEach((classId, list) -> {
            list.sort(Comparator.comparingInt(RegionRow::regionId));
            classes.add(ClassResult.of(classId, list.get(0).className(), list.stream().map(FramePictures::region).toList()));
        });
        return classes;
    }

    private static RegionResult region(RegionRow r) {
        return new RegionResult(r.regionId(), finite(r.centroidX()), finite(r.centroidY()), r.bboxX(), r.bboxY(),
                r.bboxWidth(), r.bboxHeight(), r.areaPixels(), finite(r.perimeter()), finite(r.majorAxis()),
                finite(r.minorAxis()), finite(r.circularity()), finite(r.aspectRatio()));
    }

    /** The painters draw boxes, ids and areas only; a measurement that is not stored does not change a pixel. */
    private static double finite(Double v) {
        return v == null || !Double.isFinite(v) ? 0 : v;
    }

    private synchronized byte[] cached(Key key) {
        return cache.get(key);
    }

    private synchronized void remember(Key key, byte[] picture) {
        if (picture.length > maxCachedBytes) {
            return;
        }
        byte[] old = cache.put(key, picture);
        cachedBytes += picture.length - (old == null ? 0 : old.length);
        var eldest = cache.entrySet().iterator();
        while (cachedBytes > maxCachedBytes && eldest.hasNext()) {
            cachedBytes -= eldest.next().getValue().length;
            eldest.remove();
        }
    }

    /** Bytes held by the cache now (for tests and the metrics). */
    public synchronized long cachedBytes() {
        return cachedBytes;
    }

    /** The frame has no region, so it has no overlay or sheet. */
    public static final class NoRegionException extends RuntimeException {
        NoRegionException(String message) {
            super(message);
        }
    }
}
