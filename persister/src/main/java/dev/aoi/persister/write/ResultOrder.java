package dev.aoi.persister.write;

import dev.aoi.common.event.InspectionResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;

/**
 * Which of two results of one image is the newer (docs/lifecycle.md, "Which result wins"): the larger
 * {@code source_offset} — the position of the {@code ImageRef} record it was computed from in {@code aoi.images},
 * so a frame published again (a replay of images) wins whatever the workers' clocks say — and only between equal
 * offsets (the same record processed twice) or results without one, the later {@code processed_at}. A missing
 * offset or time counts as older than any. The same order decides within a batch and against the stored row.
 */
final class ResultOrder {

    /** Older first. */
    static final Comparator<InspectionResult> OLDEST_FIRST = (a, b) -> compare(a.sourceOffset(), storedTime(a),
            b.sourceOffset(), storedTime(b));

    private ResultOrder() {
    }

    /** True when {@code incoming} is newer than what is stored ({@code offset}, {@code processedAt}; nulls allowed). */
    static boolean isNewerThanStored(InspectionResult incoming, Long offset, Instant processedAt) {
        return compare(incoming.sourceOffset(), storedTime(incoming), offset, processedAt) > 0;
    }

    /** {@code processed_at} as the database keeps it (microseconds), so the batch and the table agree. */
    static Instant storedTime(InspectionResult r) {
        return r.processedAt().truncatedTo(ChronoUnit.MICROS);
    }

    private static int compare(Long offsetA, Instant timeA, Long offsetB, Instant timeB) {
        int byOffset = Comparator.nullsFirst(Comparator.<Long>naturalOrder()).compare(offsetA, offsetB);
        if (byOffset != 0) {
            return byOffset;
        }
        return Comparator.nullsFirst(Comparator.<Instant>naturalOrder()).compare(timeA, timeB);
    }
}
