package dev.aoi.worker.render;

import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.ImageRef;
import dev.aoi.imaging.ClassMap;
import dev.aoi.imaging.Frame;
import dev.aoi.imaging.OpenCvLoader;
import dev.aoi.imaging.ResultPictures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a frame's result images under {@code ROOT/yyyy/MM/dd/<img_unique_id>/} (date of {@code captured_at},
 * UTC), each file replaced atomically so that a reader never sees half an image and a reprocess overwrites the
 * last one. Thread-safe.
 */
public final class ResultImageWriter {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final Path root;
    private final Set<ResultImage> enabled;

    public ResultImageWriter(Path outputRoot, Set<ResultImage> enabled) {
        this.enabled = enabled.isEmpty() ? EnumSet.noneOf(ResultImage.class) : EnumSet.copyOf(enabled);
        this.root = outputRoot == null ? null : outputRoot.toAbsolutePath().normalize();
        if (this.root == null && !this.enabled.isEmpty()) {
            throw new IllegalArgumentException("result images " + this.enabled + " are enabled but no output root is set");
        }
        OpenCvLoader.ensureLoaded();
    }

    /** The images named by the three switches. */
    public static Set<ResultImage> select(boolean classMap, boolean overlay, boolean defectSheet) {
        Set<ResultImage> set = EnumSet.noneOf(ResultImage.class);
        if (classMap) {
            set.add(ResultImage.CLASS_MAP);
        }
        if (overlay) {
            set.add(ResultImage.OVERLAY);
        }
        if (defectSheet) {
            set.add(ResultImage.DEFECT_SHEET);
        }
        return set;
    }

    public boolean enabled() {
        return !enabled.isEmpty();
    }

    /** The folder of one image's results. */
    public Path folder(ImageRef ref) {
        String id = ref.imgUniqueId();
        // "." and ".." are valid image ids but not folder names; '%' is outside the id alphabet, so no clash
        String dir = id.equals(".") ? "%2E" : id.equals("..") ? "%2E%2E" : id;
        return root.resolve(DAY.format(ref.capturedAt())).resolve(dir);
    }

    /**
     * Writes the enabled images and returns their absolute paths in the order class map, overlay, defect sheet;
     * overlay and defect sheet are left out (and old ones removed) when the frame has no region: the overlay of a
     * clean frame is the frame itself, a JPEG of the whole frame that shows nobody anything, and on a line most
     * frames are clean.
     *
     * @throws UncheckedIOException when the output folder cannot be written: a fault of the disk, not the frame
     */
    public List<String> write(ImageRef ref, Frame frame, ClassMap map, List<ClassResult> classes) {
        if (enabled.isEmpty()) {
            return List.of();
        }
        Path dir = folder(ref);
        List<String> paths = new ArrayList<>(3);
        try {
            Files.createDirectories(dir);
            for (ResultImage kind : enabled) {
                byte[] bytes = switch (kind) {
                    case CLASS_MAP -> ResultPictures.classMapPng(map);
                    case OVERLAY -> ResultPictures.hasRegions(classes)
                            ? ResultPictures.overlayJpeg(frame, map, classes) : null;
                    case DEFECT_SHEET -> ResultPictures.defectSheetJpeg(frame, classes);
                };
                Path target = dir.resolve(kind.fileName());
                if (bytes == null) {
                    Files.deleteIfExists(target);
                    continue;
                }
                replace(target, bytes);
                paths.add(target.toString());
            }
            return paths;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write result images of " + ref.imgUniqueId() + " under " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    private static void replace(Path target, byte[] bytes) throws IOException {
        // not createTempFile: its 0600 mode would follow the file and hide it from other readers
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
