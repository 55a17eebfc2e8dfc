package dev.aoi.console.review;

import dev.aoi.console.query.BadFilterException;
import dev.aoi.console.query.Page;
import dev.aoi.console.query.PageLimits;
import dev.aoi.console.query.PageRequest;
import dev.aoi.console.query.Problems;
import dev.aoi.console.query.QueryParameters;
import dev.aoi.console.users.User;
import dev.aoi.console.users.UserStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Verdicts: create on a region, change with the version it was read at (a stale version is a 409 carrying the
 * current row), soft-delete, and for admins list deleted ones and restore them; the audit trail of each.
 */
@RestController
@Tag(name = "reviews", description = "Reviewers' verdicts on defect regions: optimistic locking, soft delete")
class ReviewsApi {

    private static final Set<String> LIST_PARAMETERS = Set.of("from", "to", "verdict", "model_sha256", "class_id",
            "img_unique_id", "include_deleted", "limit", "cursor");
    private static final int MAX_COMMENT = 2000;

    /** What a reviewer sends to create a verdict. */
    record NewVerdict(String verdict, String comment) {
    }

    /** What a reviewer sends to change one: the version it was read at. */
    record ChangedVerdict(String verdict, String comment, Integer version) {
    }

    private final ReviewRepository reviews;
    private final UserStore users;
    private final PageLimits limits;

    ReviewsApi(ReviewRepository reviews, UserStore users, PageLimits limits) {
        this.reviews = reviews;
        this.users = users;
        this.limits = limits;
    }

    @PostMapping("/api/v1/regions/{regionUniqueId}/reviews")
    @Operation(summary = "Record the verdict on a region (reviewer)",
            description = "201 with the review (id, version). 409 with the current row when the region has a live"
                    + " verdict already (someone was faster); nothing is overwritten.")
    ResponseEntity<?> create(@PathVariable String regionUniqueId, @RequestBody NewVerdict body, Authentication who) {
        Verdict verdict = verdict(body == null ? null : body.verdict());
        ReviewOutcome outcome = reviews.create(regionUniqueId, verdict, comment(body.comment()), userId(who));
        if (outcome instanceof ReviewOutcome.Saved saved) {
            return ResponseEntity.created(URI.create("/api/v1/reviews/" + saved.review().id())).body(saved.review());
        }
        return answer(outcome);
    }

    @PutMapping("/api/v1/reviews/{id}")
    @Operation(summary = "Change a verdict (reviewer): send the version you read; a stale one is a 409 with the"
            + " current row")
    ResponseEntity<?> update(@PathVariable long id, @RequestBody ChangedVerdict body, Authentication who) {
        if (body == null || body.version() == null) {
            throw new BadFilterException("version", "version is required: the review's version as you read it");
        }
        return answer(reviews.update(id, verdict(body.verdict()), comment(body.comment()), body.version(),
                userId(who)));
    }

    @DeleteMapping("/api/v1/reviews/{id}")
    @Operation(summary = "Soft-delete a verdict (reviewer); it stays in the table, hidden from every list and count",
            parameters = @Parameter(name = "version", in = ParameterIn.QUERY,
                    description = "optional: refuse with 409 when the review moved on"))
    ResponseEntity<?> delete(@PathVariable long id, @RequestParam(required = false) Integer version,
            Authentication who) {
        return answer(reviews.delete(id, version, userId(who)));
    }

    @PostMapping("/api/v1/reviews/{id}/restore")
    @Operation(summary = "Bring a soft-deleted verdict back (admin)")
    ResponseEntity<?> restore(@PathVariable long id, Authentication who) {
        return answer(reviews.restore(id, userId(who)));
    }

    @GetMapping("/api/v1/reviews/{id}")
    @Operation(summary = "One verdict; a deleted one only for admins with include_deleted=true")
    Review one(@PathVariable long id, @RequestParam(name = "include_deleted", defaultValue = "false")
            boolean includeDeleted, Authentication who) {
        requireAdminFor(includeDeleted, who);
        return reviews.find(id, includeDeleted).orElseThrow(() -> Problems.notFound("no review " + id));
    }

    @GetMapping("/api/v1/reviews/{id}/history")
    @Operation(summary = "Who changed the verdict when, with the value before and after each change")
    List<ReviewChange> history(@PathVariable long id, Authentication who) {
        boolean admin = isAdmin(who);
        if (reviews.find(id, admin).isEmpty()) {
            throw Problems.notFound("no review " + id);
        }
        return reviews.history(id);
    }

    @GetMapping("/api/v1/reviews")
    @Operation(summary = "Verdicts, newest first, keyset-paged",
            parameters = {
                @Parameter(name = "from", in = ParameterIn.QUERY, description = "reviewed at >="),
                @Parameter(name = "to", in = ParameterIn.QUERY, description = "reviewed at <"),
                @Parameter(name = "verdict", in = ParameterIn.QUERY, description = "defect, false_call or unsure"),
                @Parameter(name = "model_sha256", in = ParameterIn.QUERY),
                @Parameter(name = "class_id", in = ParameterIn.QUERY),
                @Parameter(name = "img_unique_id", in = ParameterIn.QUERY),
                @Parameter(name = "include_deleted", in = ParameterIn.QUERY, description = "admins only"),
                @Parameter(name = "limit", in = ParameterIn.QUERY), @Parameter(name = "cursor", in = ParameterIn.QUERY)})
    Page<Review> list(@Parameter(hidden = true) HttpServletRequest request, Authentication who) {
        QueryParameters p = new QueryParameters(request.getParameterMap()).allow(LIST_PARAMETERS, false);
        boolean includeDeleted = Boolean.parseBoolean(p.choice("include_deleted", Set.of("true", "false"), "false"));
        requireAdminFor(includeDeleted, who);
        String verdict = p.choice("verdict", Set.of("defect", "false_call", "unsure"), null);
        ReviewFilter filter = new ReviewFilter(p.range(), verdict == null ? null : Verdict.parse(verdict),
                p.sha256("model_sha256"), p.integer("class_id", 0, Integer.MAX_VALUE), p.string("img_unique_id"),
                includeDeleted);
        PageRequest page = p.page(limits.defaultLimit(), limits.max(), ReviewRepository.KEY_SIZE, 1, false);
        return reviews.list(filter, page);
    }

    private ResponseEntity<?> answer(ReviewOutcome outcome) {
        if (outcome instanceof ReviewOutcome.Saved saved) {
            return ResponseEntity.ok(saved.review());
        }
        if (outcome instanceof ReviewOutcome.Conflict conflict) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, conflict.reason());
            problem.setTitle("Changed meanwhile");
            problem.setProperty("current", conflict.current());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
        throw Problems.notFound(((ReviewOutcome.Missing) outcome).reason());
    }

    private long userId(Authentication who) {
        User user = users.find(who.getName()).filter(u -> !u.disabled())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN, "user is disabled or gone"));
        return user.id();
    }

    private static void requireAdminFor(boolean includeDeleted, Authentication who) {
        if (includeDeleted && !isAdmin(who)) {
            throw Problems.problem(HttpStatus.FORBIDDEN, "Forbidden", "include_deleted=true is for admins");
        }
    }

    static boolean isAdmin(Authentication who) {
        return who != null && who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
    }

    private static Verdict verdict(String text) {
        try {
            return Verdict.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadFilterException("verdict", e.getMessage());
        }
    }

    private static String comment(String comment) {
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw new BadFilterException("comment", "comment may have at most " + MAX_COMMENT + " characters");
        }
        return comment == null || comment.isBlank() ? null : comment;
    }
}
