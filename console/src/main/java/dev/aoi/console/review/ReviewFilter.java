package dev.aoi.console.review;

import dev.aoi.console.query.TimeRange;

/** Which reviews a list shows: a {@code reviewed_at} range, a verdict, a model, a class, a frame; deleted ones too. */
public record ReviewFilter(TimeRange reviewedAt, Verdict verdict, String modelSha256, Integer classId,
        String imgUniqueId, boolean includeDeleted) {

    /** Every live review. */
    public static ReviewFilter live() {
        return new ReviewFilter(new TimeRange(null, null), null, null, null, null, false);
    }
}
