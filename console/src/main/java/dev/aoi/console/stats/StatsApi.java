package dev.aoi.console.stats;

import dev.aoi.console.csv.CsvColumns;
import dev.aoi.console.csv.ListFormat;
import dev.aoi.console.query.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/stats/*}: trend per class, Pareto, per camera, worst frames and lots over a capture-time range
 * ({@code from}/{@code to}, default the last 7 days; {@code camera_id} optional). Each answers {@code {"items": [...]}}
 * or, with text/csv or format=csv, CSV.
 */
@RestController
@RequestMapping("/api/v1/stats")
@Tag(name = "stats", description = "Trends, Pareto, cameras, worst frames and lots over a capture-time range")
class StatsApi {

    /** A stats answer: its rows and the range they cover. */
    record Items<T>(List<T> items, java.time.Instant from, java.time.Instant to) {
    }

    private static final CsvColumns<TrendPoint> TREND_CSV = new CsvColumns<TrendPoint>()
            .column("bucket", TrendPoint::bucket).column("class_id", TrendPoint::classId)
            .column("class_name", TrendPoint::className).column("regions", TrendPoint::regions)
            .column("frames_with_class", TrendPoint::framesWithClass);
    private static final CsvColumns<ParetoEntry> PARETO_CSV = new CsvColumns<ParetoEntry>()
            .column("class_id", ParetoEntry::classId).column("class_name", ParetoEntry::className)
            .column("regions", ParetoEntry::regions).column("frames_with_class", ParetoEntry::framesWithClass)
            .column("area_pixels", ParetoEntry::areaPixels).column("share", ParetoEntry::share)
            .column("cumulative_share", ParetoEntry::cumulativeShare);
    private static final CsvColumns<CameraStats> CAMERA_CSV = new CsvColumns<CameraStats>()
            .column("camera_id", CameraStats::cameraId).column("frames", CameraStats::frames)
            .column("frames_with_defect", CameraStats::framesWithDefect).column("defects", CameraStats::defects)
            .column("defects_per_frame", CameraStats::defectsPerFrame);
    private static final CsvColumns<WorstImage> WORST_IMAGE_CSV = new CsvColumns<WorstImage>()
            .column("img_unique_id", WorstImage::imgUniqueId).column("captured_at", WorstImage::capturedAt)
            .column("camera_id", WorstImage::cameraId).column("lot", WorstImage::lot)
            .column("defects", WorstImage::defects);
    private static final CsvColumns<WorstLot> WORST_LOT_CSV = new CsvColumns<WorstLot>()
            .column("lot", WorstLot::lot).column("frames", WorstLot::frames)
            .column("frames_with_defect", WorstLot::framesWithDefect).column("defects", WorstLot::defects)
            .column("defects_per_frame", WorstLot::defectsPerFrame);

    private final StatsRepository stats;
    private final Clock clock;

    StatsApi(StatsRepository stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    @GetMapping("/trend")
    @Operation(summary = "Regions and frames with the class, per class per hour or day (UTC)", parameters = {
        @Parameter(name = "from", in = ParameterIn.QUERY), @Parameter(name = "to", in = ParameterIn.QUERY),
        @Parameter(name = "camera_id", in = ParameterIn.QUERY),
        @Parameter(name = "bucket", in = ParameterIn.QUERY, description = "hour or day (default)"),
        @Parameter(name = "format", in = ParameterIn.QUERY)})
    ResponseEntity<?> trend(@Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) HttpServletResponse response) {
        QueryParameters p = params(request, "bucket");
        StatsQuery q = StatsQuery.from(p, clock);
        StatsRepository.Bucket bucket = StatsRepository.Bucket.valueOf(
                p.choice("bucket", Set.of("hour", "day"), "day").toUpperCase(java.util.Locale.ROOT));
        return answer(request, response, "trend.csv", TREND_CSV, q, stats.trend(q, bucket));
    }

    @GetMapping("/daily")
    @Operation(summary = "Regions and frames with the class, per class per UTC day, from the daily rollups: any"
            + " range, also past the raw rows' retention (whole days: from's day up to to's, to's day included unless"
            + " to is a midnight)", parameters = {
        @Parameter(name = "from", in = ParameterIn.QUERY, description = "default: 30 days before to"),
        @Parameter(name = "to", in = ParameterIn.QUERY, description = "default: now"),
        @Parameter(name = "camera_id", in = ParameterIn.QUERY), @Parameter(name = "format", in = ParameterIn.QUERY)})
    ResponseEntity<?> daily(@Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) HttpServletResponse response) {
        QueryParameters p = params(request);
        dev.aoi.console.query.TimeRange asked = p.range();
        java.time.Instant to = asked.to() != null ? asked.to() : clock.instant();
        java.time.Instant from = asked.from() != null ? asked.from() : to.minus(java.time.Duration.ofDays(30));
        java.time.LocalDate fromDay = java.time.LocalDate.ofInstant(from, java.time.ZoneOffset.UTC);
        java.time.LocalDate toDay = java.time.LocalDate.ofInstant(to, java.time.ZoneOffset.UTC);
        if (!toDay.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().equals(to)) {
            toDay = toDay.plusDays(1);
        }
        if (!toDay.isAfter(fromDay)) {
            throw new dev.aoi.console.query.BadFilterException("to", "to (" + to + ") must be after from (" + from + ")");
        }
        List<TrendPoint> rows = stats.dailyFromRollups(fromDay, toDay, p.string("camera_id"));
        if (ListFormat.csv(request)) {
            return ListFormat.stream(response, "daily.csv", TREND_CSV, sink -> rows.forEach(sink));
        }
        return ResponseEntity.ok(new Items<>(rows, fromDay.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                toDay.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
    }

    @GetMapping("/pareto")
    @Operation(summary = "Classes by regions, largest first, with share and cumulative share", parameters = {
        @Parameter(name = "from", in = ParameterIn.QUERY), @Parameter(name = "to", in = ParameterIn.QUERY),
        @Parameter(name = "camera_id", in = ParameterIn.QUERY), @Parameter(name = "format", in = ParameterIn.QUERY)})
    ResponseEntity<?> pareto(@Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) HttpServletResponse response) {
        StatsQuery q = StatsQuery.from(params(request), clock);
        return answer(request, response, "pareto.csv", PARETO_CSV, q, stats.pareto(q));
    }

    @GetMapping("/cameras")
    @Operation(summary = "Per camera: frames, frames with a defect, defects, defects per frame", parameters = {
        @Parameter(name = "from", in = ParameterIn.QUERY), @Parameter(name = "to", in = ParameterIn.QUERY),
        @Parameter(name = "camera_id", in = ParameterIn.QUERY), @Parameter(name = "format", in = ParameterIn.QUERY)})
    ResponseEntity<?> cameras(@Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) HttpServletResponse response) {
        StatsQuery q = StatsQuery.from(params(request), clock);
        return answer(request, response, "cameras.csv", CAMERA_CSV, q, stats.cameras(q));
    }

    @GetMapping("/worst-images")
    @Operation(summary = "The n frames with the most defect regions", parameters = {
        @Parameter(name = "from", in = ParameterIn.QUERY), @Parameter(name = "to", in = ParameterIn.QUERY),
        @Parameter(name = "camera_id", in = ParameterIn.QUERY),
        @Parameter(name = "n", in = ParameterIn.QUERY, description = "1..500, default 20"),
        @Parameter(name = "lot_attribute", in = ParameterIn.QUERY, description = "default lot"),
        @Parameter(name = "format", in = ParameterIn.QUERY)})
    ResponseEntity<?> worstImages(@Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) HttpServletResponse response) {
        QueryParameters p = params(request, "n", "lot_attribute");
        StatsQuery q = StatsQuery.from(p, clock);
        return answer(request, response, "worst-images.csv", WORST_IMAGE_CSV, q,
                stats.worstImages(q, n(p), lotAttribute(p)));
    }

    @GetMapping("/worst-lots")
    @Operation(summary = "The n lots (an event attribute) with the most defect regions", parameters = {
        @Parameter(name = "from", in = ParameterIn.QUERY), @Parameter(name = "to", in = ParameterIn.QUERY),
        @Parameter(name = "camera_id", in = ParameterIn.QUERY),
        @Parameter(name = "n", in = ParameterIn.QUERY, description = "1..500, default 20"),
        @Parameter(name = "lot_attribute", in = ParameterIn.QUERY, description = "default lot"),
        @Parameter(name = "format", in = ParameterIn.QUERY)})
    ResponseEntity<?> worstLots(@Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) HttpServletResponse response) {
        QueryParameters p = params(request, "n", "lot_attribute");
        StatsQuery q = StatsQuery.from(p, clock);
        return answer(request, response, "worst-lots.csv", WORST_LOT_CSV, q, stats.worstLots(q, n(p), lotAttribute(p)));
    }

    private static QueryParameters params(HttpServletRequest request, String... extra) {
        Set<String> allowed = new HashSet<>(StatsQuery.PARAMETERS);
        allowed.add("format");
        allowed.addAll(Set.of(extra));
        return new QueryParameters(request.getParameterMap()).allow(allowed, false);
    }

    private static int n(QueryParameters p) {
        Integer n = p.integer("n", 1, 500);
        return n == null ? 20 : n;
    }

    private static String lotAttribute(QueryParameters p) {
        String key = p.string("lot_attribute");
        if (key == null) {
            return "lot";
        }
        if (!key.matches("[A-Za-z0-9_.:-]{1,100}")) {
            throw new dev.aoi.console.query.BadFilterException("lot_attribute",
                    "lot_attribute must be an attribute key of [A-Za-z0-9_.:-], got '" + key + "'");
        }
        return key;
    }

    private static <T> ResponseEntity<?> answer(HttpServletRequest request, HttpServletResponse response,
            String fileName, CsvColumns<T> columns, StatsQuery q, List<T> rows) {
        if (ListFormat.csv(request)) {
            return ListFormat.stream(response, fileName, columns, sink -> rows.forEach(sink));
        }
        return ResponseEntity.ok(new Items<>(rows, q.range().from(), q.range().to()));
    }
}
