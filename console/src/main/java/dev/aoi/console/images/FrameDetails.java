package dev.aoi.console.images;

import dev.aoi.console.query.PageRequest;
import dev.aoi.console.regions.RegionRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A frame's detail in a fixed number of statements whatever its region count: the frame's row (with its file
 * locations), its classes, one page of its regions.
 */
public final class FrameDetails {

    /** Regions on the frame page before they are paged. */
    public static final int REGIONS_PER_PAGE = 1000;
    private static final List<String> FILE_NAMES = List.of("input", "result_1", "result_2", "result_3");

    private final ImageRepository images;
    private final RegionRepository regions;

    public FrameDetails(ImageRepository images, RegionRepository regions) {
        this.images = images;
        this.regions = regions;
    }

    /** The frame {@code imgUniqueId}, or empty when no such frame is stored. */
    public Optional<ImageDetail> find(String imgUniqueId) {
        Optional<ImageRepository.Stored> stored = images.findWithFiles(imgUniqueId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        List<ClassCount> classes = images.classes(imgUniqueId);
        ImageSummary row = stored.get().image();
        long total = classes.stream().mapToLong(ClassCount::totalRegions).sum();
        ImageSummary image = new ImageSummary(row.imgUniqueId(), row.capturedAt(), row.cameraId(), row.modelName(),
                row.modelSha256(), row.workerId(), row.imageWidth(), row.imageHeight(), row.processingTimeSeconds(),
                row.processedAt(), row.attributes(), total, classes);
        return Optional.of(new ImageDetail(image,
                regions.ofFrame(imgUniqueId, PageRequest.first(REGIONS_PER_PAGE)),
                links(imgUniqueId, stored.get().files(), total > 0)));
    }

    /**
     * The links to the frame's stored files (those it has) and, for a frame with regions whose worker wrote no
     * overlay or defect sheet, to the ones the console draws from the frame and its class map.
     */
    public static List<FileLink> links(String imgUniqueId, ImageFiles files, boolean hasRegions) {
        List<FileLink> out = new ArrayList<>();
        List<FileKind> kinds = new ArrayList<>();
        for (String name : FILE_NAMES) {
            String location = files.location(name);
            if (location != null && !location.isBlank()) {
                FileKind kind = FileKind.of(name, location);
                kinds.add(kind);
                out.add(new FileLink(name, kind.apiName(), "/api/v1/images/" + imgUniqueId + "/files/" + name));
            }
        }
        if (hasRegions && kinds.contains(FileKind.FRAME) && kinds.contains(FileKind.CLASS_MAP)) {
            if (!kinds.contains(FileKind.OVERLAY)) {
                out.add(new FileLink("overlay", FileKind.OVERLAY.apiName(), "/api/v1/images/" + imgUniqueId + "/overlay"));
            }
            if (!kinds.contains(FileKind.DEFECT_SHEET)) {
                out.add(new FileLink("defect_sheet", FileKind.DEFECT_SHEET.apiName(),
                        "/api/v1/images/" + imgUniqueId + "/defect-sheet"));
            }
        }
        return out;
    }
}
