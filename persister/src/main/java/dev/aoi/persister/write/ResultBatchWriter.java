package dev.aoi.persister.write;

import dev.aoi.common.event.InspectionResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Stores a batch of results in one transaction, keeping the invariants of docs/lifecycle.md and docs/database.md: the
 * transaction, the choice of what to write and the isolation of poison are here; the statements are in
 * {@link ResultRowsSql}.
 *
 * <p>Per batch: the newest result of each image is chosen ({@link NewestPerImage}, order of {@link ResultOrder}).
 * Each image's key row in {@code image_keys} is registered or locked — one images row per {@code img_unique_id}
 * across the monthly partitions, and one writer per image at a time. A result wins when it is newer than the
 * stored one; only for winners are the old classes and regions deleted (an image re-sent with another
 * {@code captured_at} also leaves its old month), the image row upserted and the new rows streamed in with COPY,
 * and the daily rollups changed by the difference. A replay (the same result again) and a late, older result
 * write nothing.
 *
 * <p>A result the database refuses (SQLState 22/23/54) is isolated by bisection under savepoints and reported in
 * {@link BatchOutcome#rejected()}; the rest of the batch commits. Any other failure rolls the whole batch back
 * and is thrown: the caller retries it (see {@link SqlFaults}).
 */
public final class ResultBatchWriter {

    private final DataSource dataSource;

    public ResultBatchWriter(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Stores {@code results} in one transaction and commits; throws (having rolled back) on a non-poison fault. */
    public BatchOutcome write(List<InspectionResult> results) throws SQLException {
        List<Integer> newest = NewestPerImage.select(results);
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                // The common case without savepoints (each one is a subtransaction that every row of the batch
                // would carry); only when a record poisons the batch is it rolled back and bisected under them.
                Tally tally = new Tally();
                List<Rejection> rejected = new ArrayList<>();
                try {
                    store(connection, results, newest, tally);
                } catch (SQLException e) {
                    if (!SqlFaults.isPoison(e)) {
                        throw e;
                    }
                    connection.rollback();
                    tally = new Tally();
                    storeIsolatingPoison(connection, results, newest, tally, rejected);
                }
                connection.commit();
                return outcome(results, newest, tally, rejected);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                restoreAutoCommit(connection, autoCommit);
            }
        }
    }

    /**
     * Stores {@code results} inside the caller's open transaction (auto-commit off); the caller commits. Poison
     * is isolated under savepoints from the start, so the caller's earlier work in the transaction survives it.
     */
    public BatchOutcome writeInTransaction(Connection connection, List<InspectionResult> results) throws SQLException {
        List<Integer> newest = NewestPerImage.select(results);
        Tally tally = new Tally();
        List<Rejection> rejected = new ArrayList<>();
        storeIsolatingPoison(connection, results, newest, tally, rejected);
        return outcome(results, newest, tally, rejected);
    }

    private static BatchOutcome outcome(List<InspectionResult> results, List<Integer> newest, Tally tally,
            List<Rejection> rejected) {
        return new BatchOutcome(results.size(), results.size() - newest.size(), tally.images, tally.unchanged,
                tally.classes, tally.regions, rejected);
    }

    private void storeIsolatingPoison(Connection connection, List<InspectionResult> results, List<Integer> chunk,
            Tally tally, List<Rejection> rejected) throws SQLException {
        if (chunk.isEmpty()) {
            return;
        }
        Savepoint savepoint = connection.setSavepoint();
        Tally attempt = new Tally();
        try {
            store(connection, results, chunk, attempt);
            connection.releaseSavepoint(savepoint);
            tally.add(attempt);
        } catch (SQLException e) {
            if (!SqlFaults.isPoison(e)) {
                throw e;
            }
            connection.rollback(savepoint);
            if (chunk.size() == 1) {
                rejected.add(new Rejection(chunk.get(0), SqlFaults.sqlState(e), firstLine(e.getMessage())));
                return;
            }
            int half = chunk.size() / 2;
            storeIsolatingPoison(connection, results, chunk.subList(0, half), tally, rejected);
            storeIsolatingPoison(connection, results, chunk.subList(half, chunk.size()), tally, rejected);
        }
    }

    private void store(Connection connection, List<InspectionResult> results, List<Integer> chunk, Tally tally)
            throws SQLException {
        List<InspectionResult> incoming = chunk.stream().map(results::get).toList();
        Set<String> fresh = ResultRowsSql.registerKeys(connection, incoming);
        List<String> known = incoming.stream().map(InspectionResult::imgUniqueId).filter(id -> !fresh.contains(id))
                .toList();
        Map<String, ResultRowsSql.Stored> stored = known.isEmpty() ? Map.of()
                : ResultRowsSql.lockStored(connection, known);
        List<InspectionResult> winners = new ArrayList<>(incoming.size());
        for (InspectionResult r : incoming) {
            ResultRowsSql.Stored s = stored.get(r.imgUniqueId());
            if (s == null || !s.hasRow() || ResultOrder.isNewerThanStored(r, s.sourceOffset(), s.processedAt())) {
                winners.add(r);
            }
        }
        tally.images += winners.size();
        tally.unchanged += incoming.size() - winners.size();
        if (winners.isEmpty()) {
            return;
        }
        RollupDelta rollups = new RollupDelta();
        List<InspectionResult> replacing = winners.stream()
                .filter(r -> stored.containsKey(r.imgUniqueId()) && stored.get(r.imgUniqueId()).hasRow()).toList();
        if (!replacing.isEmpty()) {
            String[] ids = replacing.stream().map(InspectionResult::imgUniqueId).toArray(String[]::new);
            String[] caps = replacing.stream().map(r -> stored.get(r.imgUniqueId()).capturedAt().toString())
                    .toArray(String[]::new);
            Map<String, long[]> perImage = new java.util.HashMap<>();
            ResultRowsSql.deleteChildren(connection, ids, caps, (img, classId, name, regions, area) -> {
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
        // re-sent with another capture time: the image leaves its old month (and its key follows)
        Predicate<InspectionResult> moved = r -> stored.containsKey(r.imgUniqueId())
                && !stored.get(r.imgUniqueId()).capturedAt().equals(r.capturedAt());
        String[][] movedRows = ResultRowsSql.idsAndTimes(winners,
                moved.and(r -> stored.get(r.imgUniqueId()).hasRow()));
        for (int k = 0; k < movedRows[0].length; k++) {
            movedRows[1][k] = stored.get(movedRows[0][k]).capturedAt().toString();
        }
        ResultRowsSql.deleteImages(connection, movedRows[0], movedRows[1]);
        String[][] movedKeys = ResultRowsSql.idsAndTimes(winners, moved);
        ResultRowsSql.moveKeys(connection, movedKeys[0], movedKeys[1]);

        ResultRowsSql.upsertImages(connection, winners);
        long[] children = ResultRowsSql.copyChildren(connection, winners);
        tally.classes += children[0];
        tally.regions += children[1];
        winners.forEach(rollups::add);
        rollups.write(connection);
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection connection, boolean autoCommit) {
        try {
            if (!connection.isClosed()) {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException ignored) {
            // the connection is broken; the pool will discard it
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static final class Tally {
        int images;
        int unchanged;
        long classes;
        long regions;

        void add(Tally other) {
            images += other.images;
            unchanged += other.unchanged;
            classes += other.classes;
            regions += other.regions;
        }
    }
}
