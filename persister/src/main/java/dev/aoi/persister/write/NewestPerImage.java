package dev.aoi.persister.write;

import dev.aoi.common.event.InspectionResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collapses a batch to one result per image, the one with the latest {@code processed_at}; on a tie the later
 * one in the batch wins (the same order a replay sees). Times are compared at PostgreSQL's microsecond precision
 * so that the batch and the table agree on what "newer" means.
 */
final class NewestPerImage {

    private NewestPerImage() {
    }

    /** Indexes into {@code results} of the newest result of each image, ordered by image id (a stable lock order). */
    static List<Integer> select(List<InspectionResult> results) {
        Map<String, Integer> newest = new HashMap<>();
        for (int i = 0; i < results.size(); i++) {
            InspectionResult r = results.get(i);
            Integer current = newest.get(r.imgUniqueId());
            if (current == null || !storedTime(r).isBefore(storedTime(results.get(current)))) {
                newest.put(r.imgUniqueId(), i);
            }
        }
        List<Integer> chosen = new ArrayList<>(newest.values());
        chosen.sort(Comparator.comparing(i -> results.get(i).imgUniqueId()));
        return chosen;
    }

    /** {@code processed_at} as the database keeps it (microseconds). */
    static Instant storedTime(InspectionResult r) {
        return r.processedAt().truncatedTo(ChronoUnit.MICROS);
    }
}
