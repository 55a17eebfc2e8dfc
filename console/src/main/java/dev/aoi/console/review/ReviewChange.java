package dev.aoi.console.review;

import java.time.Instant;

/** One row of a review's audit trail: what it was before and after a change, by whom, when. */
public record ReviewChange(long id, long reviewId, String action, int version, String previousVerdict,
        String previousComment, String verdict, String comment, String changedBy, Instant changedAt) {
}
