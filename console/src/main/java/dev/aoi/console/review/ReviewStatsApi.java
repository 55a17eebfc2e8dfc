package dev.aoi.console.review;

import dev.aoi.console.query.PageLimits;
import dev.aoi.console.query.Page;
import dev.aoi.console.query.PageRequest;
import dev.aoi.console.query.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the verdicts tell (precision per model and class) and what is left to review (the queue). */
@RestController
@Tag(name = "review", description = "The review queue and the measured precision per model and class")
class ReviewStatsApi {

    /** The precision rows and the range of verdicts they count. */
    record Precision(List<PrecisionRow> items, java.time.Instant from, java.time.Instant to) {
    }

    private final ReviewQueries queries;
    private final PageLimits limits;

    ReviewStatsApi(ReviewQueries queries, PageLimits limits) {
        this.queries = queries;
        this.limits = limits;
    }

    @GetMapping("/api/v1/stats/reviews")
    @Operation(summary = "Per model sha and class (class_id null: all classes): reviewed, confirmed, false calls,"
            + " unsure, decided and precision = confirmed / decided",
            parameters = {
                @Parameter(name = "from", in = ParameterIn.QUERY, description = "reviewed at >= (default: all)"),
                @Parameter(name = "to", in = ParameterIn.QUERY, description = "reviewed at <"),
                @Parameter(name = "model_sha256", in = ParameterIn.QUERY)})
    Precision precision(@Parameter(hidden = true) HttpServletRequest request) {
        QueryParameters p = new QueryParameters(request.getParameterMap())
                .allow(Set.of("from", "to", "model_sha256"), false);
        var range = p.range();
        return new Precision(queries.precision(range, p.sha256("model_sha256")), range.from(), range.to());
    }

    @GetMapping("/api/v1/review-queue")
    @Operation(summary = "Frames with defects not yet reviewed, oldest capture first, keyset-paged",
            parameters = {
                @Parameter(name = "from", in = ParameterIn.QUERY, description = "capture time >="),
                @Parameter(name = "to", in = ParameterIn.QUERY, description = "capture time <"),
                @Parameter(name = "camera_id", in = ParameterIn.QUERY),
                @Parameter(name = "class_id", in = ParameterIn.QUERY, description = "only this class's defects"),
                @Parameter(name = "limit", in = ParameterIn.QUERY), @Parameter(name = "cursor", in = ParameterIn.QUERY)})
    Page<QueuedFrame> queue(@Parameter(hidden = true) HttpServletRequest request) {
        QueryParameters p = new QueryParameters(request.getParameterMap())
                .allow(Set.of("from", "to", "camera_id", "class_id", "limit", "cursor"), false);
        PageRequest page = p.page(limits.defaultLimit(), limits.max(), ReviewQueries.QUEUE_KEY_SIZE, 1, false);
        return queries.queue(p.range(), p.string("camera_id"), p.integer("class_id", 0, Integer.MAX_VALUE), page);
    }
}
