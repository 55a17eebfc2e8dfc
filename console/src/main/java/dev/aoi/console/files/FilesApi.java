package dev.aoi.console.files;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A frame's files, thumbnails, class overlays and region crops, by image or region id. */
@RestController
@Tag(name = "files", description = "Result images and region crops by id; only files under the configured roots")
class FilesApi {

    private static final Set<String> FILE_NAMES = Set.of("input", "result_1", "result_2", "result_3");
    // a reprocess writes new files under the same names: cache briefly, not forever
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate();

    private final FrameFiles files;

    FilesApi(FrameFiles files) {
        this.files = files;
    }

    @GetMapping("/api/v1/images/{imgUniqueId}/files/{name}")
    @Operation(summary = "A stored file of the frame: input, result_1, result_2 or result_3 (see the frame's files)")
    ResponseEntity<Resource> file(@PathVariable String imgUniqueId, @PathVariable String name) throws Exception {
        if (!FILE_NAMES.contains(name)) {
            throw dev.aoi.console.query.Problems.notFound("no file '" + name + "': one of " + FILE_NAMES);
        }
        Path path = files.file(imgUniqueId, name);
        MediaType type = MediaTypeFactory.getMediaType(path.getFileName().toString())
                .orElse(MediaType.APPLICATION_OCTET_STREAM);
        return ResponseEntity.ok().contentType(type).contentLength(Files.size(path)).cacheControl(CACHE)
                .body(new FileSystemResource(path));
    }

    @GetMapping(value = "/api/v1/images/{imgUniqueId}/thumbnail", produces = MediaType.IMAGE_JPEG_VALUE)
    @Operation(summary = "A small JPEG of the frame")
    ResponseEntity<byte[]> thumbnail(@PathVariable String imgUniqueId,
            @Parameter(description = "longest side, 32..1024") @RequestParam(defaultValue = "160") int size) {
        int side = Math.max(32, Math.min(1024, size));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).cacheControl(CACHE)
                .body(files.thumbnail(imgUniqueId, side));
    }

    @GetMapping(value = "/api/v1/images/{imgUniqueId}/classes/{classId}/overlay", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "One class's pixels from the class map, a transparent PNG in the class's colour")
    ResponseEntity<byte[]> classOverlay(@PathVariable String imgUniqueId, @PathVariable int classId) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CACHE)
                .body(files.classOverlay(imgUniqueId, classId));
    }

    @GetMapping(value = "/api/v1/images/{imgUniqueId}/overlay", produces = MediaType.IMAGE_JPEG_VALUE)
    @Operation(summary = "The frame tinted and outlined where the model found a class, regions labelled: the file the "
            + "worker wrote, or drawn from the frame, its class map and its regions (404 for a frame without regions)")
    ResponseEntity<byte[]> overlay(@PathVariable String imgUniqueId) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).cacheControl(CACHE)
                .body(files.picture(imgUniqueId, FramePictures.Kind.OVERLAY));
    }

    @GetMapping(value = "/api/v1/images/{imgUniqueId}/defect-sheet", produces = MediaType.IMAGE_JPEG_VALUE)
    @Operation(summary = "The 24 largest regions enlarged, boxed and labelled: the file the worker wrote, or drawn "
            + "from the frame and its regions (404 for a frame without regions)")
    ResponseEntity<byte[]> defectSheet(@PathVariable String imgUniqueId) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).cacheControl(CACHE)
                .body(files.picture(imgUniqueId, FramePictures.Kind.DEFECT_SHEET));
    }

    @GetMapping(value = "/api/v1/regions/{regionUniqueId}/crop", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "The region's box plus a margin, cut from the frame (source=frame) or the overlay")
    ResponseEntity<byte[]> crop(@PathVariable String regionUniqueId,
            @RequestParam(defaultValue = "frame") String source,
            @Parameter(description = "pixels around the box, 0..512") @RequestParam(required = false) Integer margin) {
        if (!source.equals("frame") && !source.equals("overlay")) {
            throw new dev.aoi.console.query.BadFilterException("source", "source must be frame or overlay, got '"
                    + source + "'");
        }
        if (margin != null && (margin < 0 || margin > 512)) {
            throw new dev.aoi.console.query.BadFilterException("margin", "margin must be 0..512, got " + margin);
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CACHE)
                .body(files.crop(regionUniqueId, source, margin));
    }
}
