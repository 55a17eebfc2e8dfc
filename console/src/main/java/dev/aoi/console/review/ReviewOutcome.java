package dev.aoi.console.review;

/** What a write to a review came to: done, refused because someone changed it meanwhile, or nothing to change. */
public sealed interface ReviewOutcome {

    /** The write happened; {@code review} is the row as it is now. */
    record Saved(Review review) implements ReviewOutcome {
    }

    /** Someone else's write came first; {@code current} is the row as it is now, and nothing was changed. */
    record Conflict(Review current, String reason) implements ReviewOutcome {
    }

    /** No such review (or region), or not in the state the write needs. */
    record Missing(String reason) implements ReviewOutcome {
    }
}
