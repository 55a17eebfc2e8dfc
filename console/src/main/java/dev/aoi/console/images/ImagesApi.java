package dev.aoi.console.images;

import dev.aoi.console.csv.CsvColumns;
import dev.aoi.console.csv.ListFormat;
import dev.aoi.console.query.BadFilterException;
import dev.aoi.console.query.JsonText;
import dev.aoi.console.query.Page;
import dev.aoi.console.query.PageLimits;
import dev.aoi.console.query.PageRequest;
import dev.aoi.console.query.Problems;
import dev.aoi.console.query.QueryParameters;
import dev.aoi.console.regions.RegionCsv;
import dev.aoi.console.regions.RegionRepository;
import dev.aoi.console.regions.RegionRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/images}: the frames list, one frame, and a frame's regions page by page. */
@RestController
@RequestMapping("/api/v1/images")
@Tag(name = "images", description = "Frames: filtered, keyset-paged list; one frame with classes, regions, files")
class ImagesApi {

    private static final Set<String> LIST_PARAMETERS = with(ImageFilter.PARAMETERS, "limit", "cursor", "format");
    private static final Set<String> PAGE_PARAMETERS = Set.of("limit", "cursor", "format");

    static final CsvColumns<ImageSummary> CSV = new CsvColumns<ImageSummary>()
            .column("img_unique_id", ImageSummary::imgUniqueId)
            .column("captured_at", ImageSummary::capturedAt)
            .column("camera_id", ImageSummary::cameraId)
            .column("model_name", ImageSummary::modelName)
            .column("model_sha256", ImageSummary::modelSha256)
            .column("worker_id", ImageSummary::workerId)
            .column("image_width", ImageSummary::imageWidth)
            .column("image_height", ImageSummary::imageHeight)
            .column("processing_time_seconds", ImageSummary::processingTimeSeconds)
            .column("processed_at", ImageSummary::processedAt)
            .column("total_regions", ImageSummary::totalRegions)
            .column("regions_per_class", s -> s.classes().stream()
                    .map(c -> c.className() + "=" + c.totalRegions()).collect(Collectors.joining(";")))
            .column("attributes", s -> JsonText.of(s.attributes()));

    private final ImageRepository images;
    private final RegionRepository regions;
    private final FrameDetails details;
    private final PageLimits limits;

    ImagesApi(ImageRepository images, RegionRepository regions, FrameDetails details, PageLimits limits) {
        this.images = images;
        this.regions = regions;
        this.details = details;
        this.limits = limits;
    }

    @GetMapping
    @Operation(summary = "Frames, newest capture first, keyset-paged",
            description = "Answers {items, next_cursor, prev_cursor}; pass a cursor back unchanged for the next or"
                    + " previous page. Accept: text/csv or format=csv streams every matching frame (limit optional)."
                    + " Any other parameter is a 400 that names it.",
            parameters = {
                @Parameter(name = "from", in = ParameterIn.QUERY, description = "capture time >= (ISO-8601 or a date)"),
                @Parameter(name = "to", in = ParameterIn.QUERY, description = "capture time < (ISO-8601 or a date)"),
                @Parameter(name = "camera_id", in = ParameterIn.QUERY),
                @Parameter(name = "model_sha256", in = ParameterIn.QUERY, description = "64 lower-case hex digits"),
                @Parameter(name = "class_id", in = ParameterIn.QUERY,
                        description = "frames with at least min_regions (default 1) regions of this class"),
                @Parameter(name = "min_regions", in = ParameterIn.QUERY,
                        description = "frames with at least this many regions (of class_id when given)"),
                @Parameter(name = "attr.KEY", in = ParameterIn.QUERY,
                        description = "an event attribute, e.g. attr.lot=L7 (several allowed)"),
                @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1..500, default 50"),
                @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "next_cursor or prev_cursor"),
                @Parameter(name = "format", in = ParameterIn.QUERY, description = "json (default) or csv")})
    ResponseEntity<?> list(@Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) HttpServletResponse response) {
        QueryParameters p = new QueryParameters(request.getParameterMap()).allow(LIST_PARAMETERS, true);
        boolean csv = ListFormat.csv(request);
        ImageFilter filter = ImageFilter.from(p);
        PageRequest page = p.page(limits.defaultLimit(), limits.max(), ImageRepository.KEY_SIZE, 1, csv);
        if (csv) {
            requireForward(page);
            return ListFormat.stream(response, "images.csv", CSV, sink -> images.stream(filter, page, sink));
        }
        return ResponseEntity.ok(images.list(filter, page));
    }

    @GetMapping("/{imgUniqueId}")
    @Operation(summary = "One frame: its row, classes (zero counts included), the first 1,000 regions, file links")
    ImageDetail one(@PathVariable String imgUniqueId) {
        return details.find(imgUniqueId).orElseThrow(() -> Problems.notFound("no image " + imgUniqueId));
    }

    @GetMapping("/{imgUniqueId}/regions")
    @Operation(summary = "A frame's regions in class and region order, keyset-paged (for frames with very many)",
            parameters = {
                @Parameter(name = "limit", in = ParameterIn.QUERY, description = "1..1000, default 1000"),
                @Parameter(name = "cursor", in = ParameterIn.QUERY),
                @Parameter(name = "format", in = ParameterIn.QUERY, description = "json (default) or csv")})
    ResponseEntity<?> regions(@PathVariable String imgUniqueId, @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) HttpServletResponse response) {
        QueryParameters p = new QueryParameters(request.getParameterMap()).allow(PAGE_PARAMETERS, false);
        boolean csv = ListFormat.csv(request);
        PageRequest page = p.page(FrameDetails.REGIONS_PER_PAGE, FrameDetails.REGIONS_PER_PAGE,
                RegionRepository.FRAME_KEY_SIZE, 0, csv);
        if (images.files(imgUniqueId).isEmpty()) {
            throw Problems.notFound("no image " + imgUniqueId);
        }
        if (csv) {
            requireForward(page);
            return ListFormat.stream(response, imgUniqueId + "-regions.csv", RegionCsv.COLUMNS,
                    sink -> regions.streamOfFrame(imgUniqueId, page, sink));
        }
        Page<RegionRow> result = regions.ofFrame(imgUniqueId, page);
        return ResponseEntity.ok(result);
    }

    static void requireForward(PageRequest page) {
        if (!page.forward()) {
            throw new BadFilterException("cursor", "a CSV export reads forward: pass a next_cursor, not a prev_cursor");
        }
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(Set.of(more));
        return Set.copyOf(all);
    }
}
