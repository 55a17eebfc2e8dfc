package dev.aoi.persister.write;

import dev.aoi.common.event.InspectionResult;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Stores a batch of results in one transaction, keeping the invariants of docs/database.md.
 *
 * <p>Per batch: the newest result of each image is chosen ({@link NewestPerImage}); the image rows are upserted
 * in one statement whose {@code ON CONFLICT … DO UPDATE … WHERE stored.processed_at < new.processed_at} both
 * locks each image row and reports which images this result actually wins. Only for those are the old classes
 * and regions deleted and the new ones streamed in with COPY — so a replay (equal {@code processed_at}) and a
 * late, older result write nothing, and a reprocess leaves no stale region. Equal {@code processed_at} means the
 * same result (a worker stamps each run), so the stored one is kept: replays are idempotent and cheap.
 *
 * <p>A result the database refuses (SQLState 22/23/54) is isolated by bisection under savepoints and reported in
 * {@link BatchOutcome#rejected()}; the rest of the batch commits. Any other failure rolls the whole batch back
 * and is thrown: the caller retries it (see {@link SqlFaults}).
 *
 * <p>Plain JDBC plus pgjdbc's {@link CopyManager}: no framework, so it runs the same in the service and the bench.
 */
public final class ResultBatchWriter {

    private static final String UPSERT_IMAGES = """
            INSERT INTO images AS i (img_unique_id, image_width, image_height, processing_time_seconds, "timestamp",
                input_image_path, result_image_1_path, result_image_2_path, result_image_3_path,
                captured_at, processed_at, model_name, model_sha256, worker_id, camera_id, attributes)
            SELECT u.id, u.w, u.h, u.pts, u.cap AT TIME ZONE 'UTC', u.uri, u.r1, u.r2, u.r3,
                u.cap, u.proc, u.mname, u.msha, u.wid, u.cam, u.attrs::jsonb
            FROM unnest(?::varchar[], ?::int4[], ?::int4[], ?::float8[], ?::timestamptz[], ?::varchar[], ?::varchar[],
                ?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                ?::text[]) AS u(id, w, h, pts, cap, uri, r1, r2, r3, proc, mname, msha, wid, cam, attrs)
            ON CONFLICT (img_unique_id) DO UPDATE SET
                image_width = EXCLUDED.image_width, image_height = EXCLUDED.image_height,
                processing_time_seconds = EXCLUDED.processing_time_seconds, "timestamp" = EXCLUDED."timestamp",
                input_image_path = EXCLUDED.input_image_path, result_image_1_path = EXCLUDED.result_image_1_path,
                result_image_2_path = EXCLUDED.result_image_2_path, result_image_3_path = EXCLUDED.result_image_3_path,
                captured_at = EXCLUDED.captured_at, processed_at = EXCLUDED.processed_at,
                model_name = EXCLUDED.model_name, model_sha256 = EXCLUDED.model_sha256,
                worker_id = EXCLUDED.worker_id, camera_id = EXCLUDED.camera_id, attributes = EXCLUDED.attributes
            WHERE i.processed_at IS NULL OR i.processed_at < EXCLUDED.processed_at
            RETURNING i.img_unique_id
            """;
    // Regions first: deleting classes first would make the cascade look up every class's regions one by one.
    // A join with unnest (estimated at a few rows) plans as index probes even on a table without statistics,
    // where "= ANY(array)" may be planned as a sequential scan of the whole table per batch.
    private static final String DELETE_REGIONS =
            "DELETE FROM regions r USING unnest(?::varchar[]) AS u(id) WHERE r.img_unique_id = u.id";
    private static final String DELETE_CLASSES =
            "DELETE FROM classes c USING unnest(?::varchar[]) AS u(id) WHERE c.img_unique_id = u.id";
    private static final int COPY_FLUSH_CHARS = 1 << 20;

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
        Set<String> won = upsertImages(connection, results, chunk);
        tally.images += won.size();
        tally.unchanged += chunk.size() - won.size();
        if (won.isEmpty()) {
            return;
        }
        String[] ids = won.toArray(String[]::new);
        deleteChildren(connection, DELETE_REGIONS, ids);
        deleteChildren(connection, DELETE_CLASSES, ids);
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder classes = new StringBuilder(64 * 1024);
        try (CopyStream stream = new CopyStream(copy, CopyRows.CLASSES_COPY)) {
            for (int i : chunk) {
                InspectionResult r = results.get(i);
                if (won.contains(r.imgUniqueId())) {
                    tally.classes += CopyRows.appendClasses(classes, r);
                    stream.flushIfLarge(classes);
                }
            }
            stream.finish(classes);
        }
        StringBuilder regions = new StringBuilder(256 * 1024);
        try (CopyStream stream = new CopyStream(copy, CopyRows.REGIONS_COPY)) {
            for (int i : chunk) {
                InspectionResult r = results.get(i);
                if (won.contains(r.imgUniqueId())) {
                    tally.regions += CopyRows.appendRegions(regions, r);
                    stream.flushIfLarge(regions);
                }
            }
            stream.finish(regions);
        }
    }

    private static Set<String> upsertImages(Connection connection, List<InspectionResult> results, List<Integer> chunk)
            throws SQLException {
        int n = chunk.size();
        String[] id = new String[n];
        Integer[] width = new Integer[n];
        Integer[] height = new Integer[n];
        Double[] seconds = new Double[n];
        String[] captured = new String[n];
        String[] uri = new String[n];
        String[] r1 = new String[n];
        String[] r2 = new String[n];
        String[] r3 = new String[n];
        String[] processed = new String[n];
        String[] modelName = new String[n];
        String[] modelSha = new String[n];
        String[] worker = new String[n];
        String[] camera = new String[n];
        String[] attributes = new String[n];
        for (int k = 0; k < n; k++) {
            InspectionResult r = results.get(chunk.get(k));
            id[k] = r.imgUniqueId();
            width[k] = r.imageWidth();
            height[k] = r.imageHeight();
            seconds[k] = r.processingTimeSeconds();
            captured[k] = r.capturedAt().toString();
            uri[k] = r.imageUri();
            List<String> images = r.resultImages();
            r1[k] = images.size() > 0 ? images.get(0) : null;
            r2[k] = images.size() > 1 ? images.get(1) : null;
            r3[k] = images.size() > 2 ? images.get(2) : null;
            processed[k] = NewestPerImage.storedTime(r).toString();
            modelName[k] = r.model().name();
            modelSha[k] = r.model().sha256();
            worker[k] = r.workerId();
            camera[k] = r.cameraId();
            attributes[k] = CopyRows.json(r.attributes());
        }
        Set<String> won = new HashSet<>(n * 2);
        try (PreparedStatement ps = connection.prepareStatement(UPSERT_IMAGES)) {
            int p = 1;
            ps.setArray(p++, connection.createArrayOf("varchar", id));
            ps.setArray(p++, connection.createArrayOf("int4", width));
            ps.setArray(p++, connection.createArrayOf("int4", height));
            ps.setArray(p++, connection.createArrayOf("float8", seconds));
            ps.setArray(p++, connection.createArrayOf("varchar", captured));
            ps.setArray(p++, connection.createArrayOf("varchar", uri));
            ps.setArray(p++, connection.createArrayOf("varchar", r1));
            ps.setArray(p++, connection.createArrayOf("varchar", r2));
            ps.setArray(p++, connection.createArrayOf("varchar", r3));
            ps.setArray(p++, connection.createArrayOf("varchar", processed));
            ps.setArray(p++, connection.createArrayOf("varchar", modelName));
            ps.setArray(p++, connection.createArrayOf("varchar", modelSha));
            ps.setArray(p++, connection.createArrayOf("varchar", worker));
            ps.setArray(p++, connection.createArrayOf("varchar", camera));
            ps.setArray(p, connection.createArrayOf("text", attributes));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    won.add(rs.getString(1));
                }
            }
        }
        return won;
    }

    private static void deleteChildren(Connection connection, String sql, String[] ids) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            Array array = connection.createArrayOf("varchar", ids);
            ps.setArray(1, array);
            ps.executeUpdate();
        }
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

    /** One COPY FROM STDIN, fed in pieces of about a megabyte; cancelled if not finished. */
    private static final class CopyStream implements AutoCloseable {
        private final CopyIn copyIn;

        CopyStream(CopyManager copy, String sql) throws SQLException {
            this.copyIn = copy.copyIn(sql);
        }

        void flushIfLarge(StringBuilder rows) throws SQLException {
            if (rows.length() >= COPY_FLUSH_CHARS) {
                write(rows);
            }
        }

        void finish(StringBuilder rows) throws SQLException {
            write(rows);
            copyIn.endCopy();
        }

        private void write(StringBuilder rows) throws SQLException {
            if (!rows.isEmpty()) {
                byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                copyIn.writeToCopy(bytes, 0, bytes.length);
                rows.setLength(0);
            }
        }

        @Override
        public void close() throws SQLException {
            if (copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        }
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
