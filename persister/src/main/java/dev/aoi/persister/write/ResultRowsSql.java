package dev.aoi.persister.write;

import dev.aoi.common.event.InspectionResult;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The SQL of the writer, one method per statement, each over a whole chunk of results (arrays through
 * {@code unnest}, rows through COPY), run through a {@link JdbcTemplate} in the transaction that
 * {@link ResultBatchWriter} holds open (what a chunk changes is {@link ChunkWriter}'s). Every statement names the
 * partition key {@code captured_at} where it knows it, so PostgreSQL touches only the month that holds the row.
 */
final class ResultRowsSql {

    /** What is stored for an image whose key existed: where its rows are and which result they came from. */
    record Stored(Instant capturedAt, boolean hasRow, Instant processedAt, Long sourceOffset, String cameraId,
            String modelSha256) {
    }

    private static final String REGISTER_KEYS = """
            INSERT INTO image_keys (img_unique_id, captured_at)
            SELECT u.id, u.cap FROM unnest(?::varchar[], ?::timestamptz[]) AS u(id, cap)
            ON CONFLICT (img_unique_id) DO NOTHING
            RETURNING img_unique_id
            """;
    // Locks each known image's key row (one writer per image at a time, whatever partition its row is in) and
    // reads what the stored row says about its result; the join to images is pruned to the key's month.
    private static final String LOCK_STORED = """
            SELECT k.img_unique_id, k.captured_at, i.img_unique_id IS NOT NULL, i.processed_at, i.source_offset,
                i.camera_id, i.model_sha256
            FROM unnest(?::varchar[]) AS u(id)
            JOIN image_keys k ON k.img_unique_id = u.id
            LEFT JOIN images i ON i.img_unique_id = k.img_unique_id AND i.captured_at = k.captured_at
            ORDER BY k.img_unique_id
            FOR UPDATE OF k
            """;
    // Regions first: deleting classes first would make the cascade look up every class's regions one by one.
    private static final String DELETE_REGIONS = """
            DELETE FROM regions r USING unnest(?::varchar[], ?::timestamptz[]) AS u(id, cap)
            WHERE r.img_unique_id = u.id AND r.captured_at = u.cap
            """;
    private static final String DELETE_CLASSES = """
            DELETE FROM classes c USING unnest(?::varchar[], ?::timestamptz[]) AS u(id, cap)
            WHERE c.img_unique_id = u.id AND c.captured_at = u.cap
            RETURNING c.img_unique_id, c.class_id, c.class_name, c.total_regions, c.total_area_pixels
            """;
    private static final String DELETE_IMAGES = """
            DELETE FROM images i USING unnest(?::varchar[], ?::timestamptz[]) AS u(id, cap)
            WHERE i.img_unique_id = u.id AND i.captured_at = u.cap
            """;
    private static final String MOVE_KEYS = """
            UPDATE image_keys k SET captured_at = u.cap FROM unnest(?::varchar[], ?::timestamptz[]) AS u(id, cap)
            WHERE k.img_unique_id = u.id
            """;
    private static final String UPSERT_IMAGES = """
            INSERT INTO images AS i (img_unique_id, image_width, image_height, processing_time_seconds, "timestamp",
                input_image_path, result_image_1_path, result_image_2_path, result_image_3_path,
                captured_at, processed_at, model_name, model_sha256, worker_id, camera_id, attributes, source_offset)
            SELECT u.id, u.w, u.h, u.pts, u.cap, u.uri, u.r1, u.r2, u.r3,
                u.cap, u.proc, u.mname, u.msha, u.wid, u.cam, u.attrs::jsonb, u.src
            FROM unnest(?::varchar[], ?::int4[], ?::int4[], ?::float8[], ?::timestamptz[], ?::varchar[], ?::varchar[],
                ?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                ?::text[], ?::int8[]) AS u(id, w, h, pts, cap, uri, r1, r2, r3, proc, mname, msha, wid, cam, attrs, src)
            ON CONFLICT (img_unique_id, captured_at) DO UPDATE SET
                image_width = EXCLUDED.image_width, image_height = EXCLUDED.image_height,
                processing_time_seconds = EXCLUDED.processing_time_seconds, "timestamp" = EXCLUDED."timestamp",
                input_image_path = EXCLUDED.input_image_path, result_image_1_path = EXCLUDED.result_image_1_path,
                result_image_2_path = EXCLUDED.result_image_2_path, result_image_3_path = EXCLUDED.result_image_3_path,
                processed_at = EXCLUDED.processed_at, model_name = EXCLUDED.model_name,
                model_sha256 = EXCLUDED.model_sha256, worker_id = EXCLUDED.worker_id, camera_id = EXCLUDED.camera_id,
                attributes = EXCLUDED.attributes, source_offset = EXCLUDED.source_offset
            """;
    private static final int COPY_FLUSH_CHARS = 1 << 20;

    private ResultRowsSql() {
    }

    /** Registers the images not yet known (sorted ids: a stable lock order); returns the ids that were new. */
    static Set<String> registerKeys(JdbcTemplate jdbc, List<InspectionResult> chunk) {
        String[][] idsAndCaps = idsAndTimes(chunk, r -> true);
        Set<String> fresh = new HashSet<>(chunk.size() * 2);
        RowCallbackHandler eachNew = rs -> fresh.add(rs.getString(1));
        jdbc.query(REGISTER_KEYS, bindIdsAndTimes(idsAndCaps[0], idsAndCaps[1]), eachNew);
        return fresh;
    }

    /** Locks the key rows of {@code ids} (known images) and reads their stored state. */
    static Map<String, Stored> lockStored(JdbcTemplate jdbc, List<String> ids) {
        Map<String, Stored> stored = new HashMap<>(ids.size() * 2);
        RowCallbackHandler eachStored = rs -> {
            long offset = rs.getLong(5);
            Long sourceOffset = rs.wasNull() ? null : offset;
            stored.put(rs.getString(1), new Stored(instant(rs, 2), rs.getBoolean(3), instant(rs, 4), sourceOffset,
                    rs.getString(6), rs.getString(7)));
        };
        jdbc.query(LOCK_STORED, ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", ids.toArray())),
                eachStored);
        return stored;
    }

    /** Deletes the regions and classes stored for these images; calls {@code removed} with each class row removed. */
    static void deleteChildren(JdbcTemplate jdbc, String[] ids, String[] caps, ClassRowSink removed) {
        update(jdbc, DELETE_REGIONS, ids, caps);
        RowCallbackHandler eachRemoved = rs -> removed.accept(rs.getString(1), rs.getInt(2), rs.getString(3),
                rs.getInt(4), rs.getLong(5));
        jdbc.query(DELETE_CLASSES, bindIdsAndTimes(ids, caps), eachRemoved);
    }

    /** Deletes the image rows stored under another capture time (the result moves to its own month). */
    static void deleteImages(JdbcTemplate jdbc, String[] ids, String[] caps) {
        update(jdbc, DELETE_IMAGES, ids, caps);
    }

    /** Points the keys of these images at their new capture time. */
    static void moveKeys(JdbcTemplate jdbc, String[] ids, String[] caps) {
        update(jdbc, MOVE_KEYS, ids, caps);
    }

    /** Inserts or replaces the image rows of {@code winners}. */
    static void upsertImages(JdbcTemplate jdbc, List<InspectionResult> winners) {
        int n = winners.size();
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
        Long[] source = new Long[n];
        for (int k = 0; k < n; k++) {
            InspectionResult r = winners.get(k);
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
            processed[k] = ResultOrder.storedTime(r).toString();
            modelName[k] = r.model().name();
            modelSha[k] = r.model().sha256();
            worker[k] = r.workerId();
            camera[k] = r.cameraId();
            attributes[k] = CopyRows.json(r.attributes());
            source[k] = r.sourceOffset();
        }
        jdbc.update(UPSERT_IMAGES, ps -> {
            Connection c = ps.getConnection();
            int p = 1;
            ps.setArray(p++, c.createArrayOf("varchar", id));
            ps.setArray(p++, c.createArrayOf("int4", width));
            ps.setArray(p++, c.createArrayOf("int4", height));
            ps.setArray(p++, c.createArrayOf("float8", seconds));
            ps.setArray(p++, c.createArrayOf("varchar", captured));
            ps.setArray(p++, c.createArrayOf("varchar", uri));
            ps.setArray(p++, c.createArrayOf("varchar", r1));
            ps.setArray(p++, c.createArrayOf("varchar", r2));
            ps.setArray(p++, c.createArrayOf("varchar", r3));
            ps.setArray(p++, c.createArrayOf("varchar", processed));
            ps.setArray(p++, c.createArrayOf("varchar", modelName));
            ps.setArray(p++, c.createArrayOf("varchar", modelSha));
            ps.setArray(p++, c.createArrayOf("varchar", worker));
            ps.setArray(p++, c.createArrayOf("varchar", camera));
            ps.setArray(p++, c.createArrayOf("text", attributes));
            ps.setArray(p, c.createArrayOf("int8", source));
        });
    }

    /**
     * Streams the class and region rows of {@code winners} with COPY, on the transaction's connection (the
     * driver's own API, reached through a {@link ConnectionCallback}); returns {classes, regions}.
     */
    static long[] copyChildren(JdbcTemplate jdbc, List<InspectionResult> winners) {
        return jdbc.execute((ConnectionCallback<long[]>) c -> copyChildren(c, winners));
    }

    private static long[] copyChildren(Connection c, List<InspectionResult> winners) throws SQLException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        long classes = 0;
        long regions = 0;
        StringBuilder rows = new StringBuilder(256 * 1024);
        try (CopyStream stream = new CopyStream(copy, CopyRows.CLASSES_COPY)) {
            for (InspectionResult r : winners) {
                classes += CopyRows.appendClasses(rows, r);
                stream.flushIfLarge(rows);
            }
            stream.finish(rows);
        }
        try (CopyStream stream = new CopyStream(copy, CopyRows.REGIONS_COPY)) {
            for (InspectionResult r : winners) {
                regions += CopyRows.appendRegions(rows, r);
                stream.flushIfLarge(rows);
            }
            stream.finish(rows);
        }
        return new long[] {classes, regions};
    }

    /** A class row removed by {@link #deleteChildren}. */
    interface ClassRowSink {
        void accept(String imgUniqueId, int classId, String className, int totalRegions, long totalAreaPixels);
    }

    /** Ids and capture times of the results that {@code include} accepts, as statement arrays. */
    static String[][] idsAndTimes(List<InspectionResult> results, Predicate<InspectionResult> include) {
        List<InspectionResult> chosen = results.stream().filter(include).toList();
        String[] ids = new String[chosen.size()];
        String[] caps = new String[chosen.size()];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = chosen.get(k).imgUniqueId();
            caps[k] = chosen.get(k).capturedAt().toString();
        }
        return new String[][] {ids, caps};
    }

    private static void update(JdbcTemplate jdbc, String sql, String[] ids, String[] caps) {
        if (ids.length == 0) {
            return;
        }
        jdbc.update(sql, bindIdsAndTimes(ids, caps));
    }

    /** Binds image ids and capture times as the two array parameters of a statement. */
    private static PreparedStatementSetter bindIdsAndTimes(String[] ids, String[] caps) {
        return ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("varchar", ids));
            ps.setArray(2, ps.getConnection().createArrayOf("varchar", caps));
        };
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
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
}
