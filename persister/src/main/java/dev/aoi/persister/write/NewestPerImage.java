package dev.aoi.persister.write;

import dev.aoi.common.event.InspectionResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collapses a batch to one result per image, the newest by {@link ResultOrder}; between equals the later one in
 * the batch wins (the same order a replay sees).
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
            if (current == null || ResultOrder.OLDEST_FIRST.compare(r, results.get(current)) >= 0) {
                newest.put(r.imgUniqueId(), i);
            }
        }
        List<Integer> chosen = new ArrayList<>(newest.values());
        chosen.sort(Comparator.comparing(i -> results.get(i).imgUniqueId()));
        return chosen;
    }

    /** {@code processed_at} as the database keeps it (microseconds). */
    static Instant storedTime(InspectionResult r) {
        return ResultOrder.storedTime(r);
    }
}
