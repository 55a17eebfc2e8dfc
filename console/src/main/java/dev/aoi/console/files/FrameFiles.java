package dev.aoi.console.files;

import dev.aoi.console.images.FileKind;
import dev.aoi.console.images.ImageFiles;
import dev.aoi.console.images.ImageRepository;
import dev.aoi.console.query.PageRequest;
import dev.aoi.console.query.Problems;
import dev.aoi.console.regions.RegionRepository;
import dev.aoi.console.regions.RegionRow;
import dev.aoi.imaging.FrameRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A frame's files by id: the stored file itself, a thumbnail, one class's overlay, a region's crop. What is read
 * is decided by the stored row and {@link FileRoots}, never by a path from the client.
 */
public final class FrameFiles {

    private final ImageRepository images;
    private final RegionRepository regions;
    private final FileRoots roots;
    private final int cropMargin;
    private final FramePictures pictures;

    public FrameFiles(ImageRepository images, RegionRepository regions, FileRoots roots, int cropMargin,
            FramePictures pictures) {
        this.images = images;
        this.regions = regions;
        this.roots = roots;
        this.cropMargin = cropMargin;
        this.pictures = pictures;
    }

    /** The stored file {@code name} ({@code input}, {@code result_1..3}) of a frame. */
    public Path file(String imgUniqueId, String name) {
        ImageFiles files = stored(imgUniqueId);
        return resolve(files.location(name), imgUniqueId + " has no file '" + name + "'");
    }

    /** A thumbnail of the frame's input image (the overlay when the input cannot be served). */
    public byte[] thumbnail(String imgUniqueId, int maxSide) {
        ImageFiles files = stored(imgUniqueId);
        FileRoots.Resolved input = roots.resolve(files.input());
        Path path = input.ok() ? input.path() : resolve(fileOfKind(files, FileKind.OVERLAY), imgUniqueId
                + " has no input image or overlay the console may read");
        return FrameImages.thumbnail(path, maxSide);
    }

    /** One class's pixels from the frame's class map, as a transparent PNG. */
    public byte[] classOverlay(String imgUniqueId, int classId) {
        ImageFiles files = stored(imgUniqueId);
        return FrameImages.classOverlay(resolve(fileOfKind(files, FileKind.CLASS_MAP),
                imgUniqueId + " has no class map"), classId);
    }

    /** The region's box plus {@code margin} (default: the configured one) from the frame or its overlay. */
    public byte[] crop(String regionUniqueId, String source, Integer margin) {
        RegionRow region = regions.find(regionUniqueId)
                .orElseThrow(() -> Problems.notFound("no region " + regionUniqueId));
        if (region.bboxX() == null || region.bboxWidth() == null) {
            throw Problems.notFound("region " + regionUniqueId + " has no stored box");
        }
        int around = margin == null ? cropMargin : margin;
        if (source.equals("overlay")) {
            return FrameImages.crop(picture(region.imgUniqueId(), FramePictures.Kind.OVERLAY), "overlay",
                    region.bboxX(), region.bboxY(), region.bboxWidth(), region.bboxHeight(), around);
        }
        Path path = resolve(stored(region.imgUniqueId()).input(), region.imgUniqueId() + " has no frame image");
        return FrameImages.crop(path, region.bboxX(), region.bboxY(), region.bboxWidth(), region.bboxHeight(), around);
    }

    /**
     * The frame's overlay or defect sheet (JPEG): the file the worker wrote when it wrote one, else drawn from the
     * frame, its class map and its stored regions ({@link FramePictures}).
     */
    public byte[] picture(String imgUniqueId, FramePictures.Kind kind) {
        ImageRepository.Stored stored = images.findWithFiles(imgUniqueId)
                .orElseThrow(() -> Problems.notFound("no image " + imgUniqueId));
        ImageFiles files = stored.files();
        String written = fileOfKind(files, kind.fileKind());
        if (written != null) {
            return read(resolve(written, imgUniqueId + " has no " + kind.label()));
        }
        String classMap = fileOfKind(files, FileKind.CLASS_MAP);
        Path inputPath = resolve(files.input(), imgUniqueId + " has no frame image to draw its " + kind.label() + " on");
        // the sheet is cut from the frame by the regions' boxes; only the overlay needs the class map
        Path classMapPath = kind == FramePictures.Kind.OVERLAY
                ? resolve(classMap, imgUniqueId + " has no class map to draw its overlay from") : null;
        FramePictures.Key key = new FramePictures.Key(imgUniqueId, kind, stored.image().processedAt(), files.input(),
                classMap);
        try {
            return pictures.picture(key, inputPath, classMapPath, () -> allRegions(imgUniqueId));
        } catch (FramePictures.NoRegionException e) {
            throw Problems.notFound(e.getMessage());
        } catch (FrameRejectedException e) {
            throw Problems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "Frame not readable",
                    "the frame of " + imgUniqueId + " cannot be drawn on: " + e.detail());
        } catch (IllegalArgumentException e) {
            throw Problems.problem(HttpStatus.UNPROCESSABLE_ENTITY, "Result images disagree",
                    "the " + kind.label() + " of " + imgUniqueId + " cannot be drawn: " + e.getMessage());
        }
    }

    private List<RegionRow> allRegions(String imgUniqueId) {
        List<RegionRow> rows = new ArrayList<>();
        regions.streamOfFrame(imgUniqueId, new PageRequest(null, null), rows::add);
        return rows;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private ImageFiles stored(String imgUniqueId) {
        return images.files(imgUniqueId).orElseThrow(() -> Problems.notFound("no image " + imgUniqueId));
    }

    private static String fileOfKind(ImageFiles files, FileKind kind) {
        for (String name : new String[] {"result_1", "result_2", "result_3"}) {
            String location = files.location(name);
            if (location != null && FileKind.of(name, location) == kind) {
                return location;
            }
        }
        return null;
    }

    private Path resolve(String location, String whenAbsent) {
        FileRoots.Resolved resolved = roots.resolve(location);
        if (resolved.ok()) {
            return resolved.path();
        }
        throw switch (resolved.refusal()) {
            case NOT_STORED -> Problems.notFound(whenAbsent);
            case MISSING -> Problems.notFound("the stored file is missing on the console's disk");
            case OUTSIDE_ROOTS, NOT_A_LOCAL_PATH -> forbidden();
        };
    }

    private static ErrorResponseException forbidden() {
        return Problems.problem(HttpStatus.FORBIDDEN, "Outside the file roots",
                "the stored file is not under the console's file roots (AOI_CONSOLE_FILE_ROOTS); it is not served");
    }
}
