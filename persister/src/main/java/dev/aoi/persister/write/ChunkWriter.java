package dev.aoi.persister.write;

import dev.aoi.common.event.InspectionResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stores one chunk of results — at most one per image, in image id order — inside the transaction that
 * {@link ResultBatchWriter} holds open: registers or locks each image's key, keeps the results newer than the stored
 * ones (the winners), replaces the winners' rows and changes the daily rollups by the difference. The statements
 * are {@link ResultRowsSql}'s; a failure is thrown as Spring's {@code DataAccessException} for the caller to
 * classify.
 */
final class ChunkWriter {

    /** What a chunk wrote: images stored, images left as they were, class and region rows inserted. */
    record Counts(int images, int unchanged, long classes, long regions) {

        static final Counts NONE = new Counts(0, 0, 0, 0);

        Counts plus(Counts other) {
            return new Counts(images + other.images, unchanged + other.unchanged, classes + other.classes,
                    regions + other.regions);
        }
    }

    private final JdbcTemplate jdbc;

    ChunkWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Counts store(List<InspectionResult> incoming) {
        Set<String> fresh = ResultRowsSql.registerKeys(jdbc, incoming);
        List<String> known = incoming.stream().map(InspectionResult::imgUniqueId).filter(id -> !fresh.contains(id))
                .toList();
        Map<String, ResultRowsSql.Stored> stored = known.isEmpty() ? Map.of() : ResultRowsSql.lockStored(jdbc, known);
        List<InspectionResult> winners = new ArrayList<>(incoming.size());
        for (InspectionResult r : incoming) {
            ResultRowsSql.Stored s = stored.get(r.imgUniqueId());
            if (s == null || !s.hasRow() || ResultOrder.isNewerThanStored(r, s.sourceOffset(), s.processedAt())) {
                winners.add(r);
            }
        }
        int unchanged = incoming.size() - winners.size();
        if (winners.isEmpty()) {
            return new Counts(0, unchanged, 0, 0);
        }
        RollupDelta rollups = new RollupDelta();
        removeReplaced(winners, stored, rollups);
        // re-sent with another capture time: the image leaves its old month (and its key follows)
        Predicate<InspectionResult> moved = r -> stored.containsKey(r.imgUniqueId())
                && !stored.get(r.imgUniqueId()).capturedAt().equals(r.capturedAt());
        String[][] movedRows = ResultRowsSql.idsAndTimes(winners,
                moved.and(r -> stored.get(r.imgUniqueId()).hasRow()));
        for (int k = 0; k < movedRows[0].length; k++) {
            movedRows[1][k] = stored.get(movedRows[0][k]).capturedAt().toString();
        }
        ResultRowsSql.deleteImages(jdbc, movedRows[0], movedRows[1]);
        String[][] movedKeys = ResultRowsSql.idsAndTimes(winners, moved);
        ResultRowsSql.moveKeys(jdbc, movedKeys[0], movedKeys[1]);

        ResultRowsSql.upsertImages(jdbc, winners);
        long[] children = ResultRowsSql.copyChildren(jdbc, winners);
        winners.forEach(rollups::add);
        rollups.write(jdbc);
        return new Counts(winners.size(), unchanged, children[0], children[1]);
    }

    /** Deletes the classes and regions of the winners that replace a stored row, subtracting them from the rollups. */
    private void removeReplaced(List<InspectionResult> winners, Map<String, ResultRowsSql.Stored> stored,
            RollupDelta rollups) {
        List<InspectionResult> replacing = winners.stream()
                .filter(r -> stored.containsKey(r.imgUniqueId()) && stored.get(r.imgUniqueId()).hasRow()).toList();
        if (replacing.isEmpty()) {
            return;
        }
        String[] ids = replacing.stream().map(InspectionResult::imgUniqueId).toArray(String[]::new);
        String[] caps = replacing.stream().map(r -> stored.get(r.imgUniqueId()).capturedAt().toString())
                .toArray(String[]::new);
        Map<String, long[]> perImage = new HashMap<>();
        ResultRowsSql.deleteChildren(jdbc, ids, caps, (img, classId, name, regions, area) -> {
            ResultRowsSql.Stored old = stored.get(img);
            rollups.subtract(old.capturedAt(), old.cameraId(), old.modelSha256(), classId, regions, area);
            long[] sums = perImage.computeIfAbsent(img, k -> new long[2]);
            sums[0] += regions;
            sums[1] += area;
        });
        for (InspectionResult r : replacing) {
            ResultRowsSql.Stored old = stored.get(r.imgUniqueId());
            long[] sums = perImage.getOrDefault(r.imgUniqueId(), new long[2]);
            rollups.subtractImage(old.capturedAt(), old.cameraId(), old.modelSha256(), (int) sums[0], sums[1]);
        }
    }
}
