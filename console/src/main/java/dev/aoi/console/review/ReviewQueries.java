package dev.aoi.console.review;

import dev.aoi.console.query.Cursor;
import dev.aoi.console.query.Keyset;
import dev.aoi.console.query.Page;
import dev.aoi.console.query.PageRequest;
import dev.aoi.console.query.SqlParts;
import dev.aoi.console.query.TimeRange;
import dev.aoi.console.query.Timestamps;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The read side of the review on the read-only pool: the queue (frames whose reported defects are not all
 * reviewed, oldest capture first) and the precision per model and class. Both count live verdicts only.
 * A region counts as reviewed when a live verdict names it and the model that reported it (a reprocess by
 * another model puts its new regions back in the queue; the old verdicts keep counting for the old model).
 */
public final class ReviewQueries {

    /** Sort key of the queue: (captured_at, img_unique_id), oldest first. */
    public static final int QUEUE_KEY_SIZE = 2;
    private static final Keyset QUEUE_ORDER = new Keyset(List.of("i.captured_at", "i.img_unique_id"), false);

    private final JdbcClient jdbc;

    public ReviewQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Frames with at least one region without a live verdict, oldest capture first; optionally one camera, class. */
    public Page<QueuedFrame> queue(TimeRange captured, String cameraId, Integer classId, PageRequest page) {
        SqlParts parts = new SqlParts().where("i.captured_at IS NOT NULL");
        captured.addTo(parts, "i.captured_at");
        if (cameraId != null) {
            parts.where("i.camera_id = :camera", "camera", cameraId);
        }
        if (classId != null) {
            // the class's row id is derived from the frame's (docs/database.md, "Ids"): an equality the region index can use
            parts.where("r.class_unique_id = i.img_unique_id || '_c' || :class_id", "class_id", classId);
        }
        if (page.cursor() != null) {
            Cursor c = page.cursor();
            QUEUE_ORDER.addTo(parts, page, List.of(Timestamps.bind(c.instantAt(0)), c.key().get(1)));
        }
        String sql = """
                SELECT i.img_unique_id, i.captured_at, i.camera_id, i.model_sha256, count(*) AS defects,
                       count(*) FILTER (WHERE v.id IS NULL) AS unreviewed
                FROM images i
                JOIN regions r ON r.img_unique_id = i.img_unique_id
                LEFT JOIN region_reviews v ON v.region_unique_id = r.region_unique_id AND NOT v.is_deleted
                     AND coalesce(v.model_sha256, '') = coalesce(i.model_sha256, '')
                """ + parts.whereClause()
                + " GROUP BY i.img_unique_id, i.captured_at, i.camera_id, i.model_sha256"
                + " HAVING count(*) FILTER (WHERE v.id IS NULL) > 0 "
                + QUEUE_ORDER.orderBy(page) + " " + Keyset.limit(page);
        List<QueuedFrame> rows = jdbc.sql(sql).params(parts.params())
                .query((rs, n) -> new QueuedFrame(rs.getString(1), Timestamps.read(rs, "captured_at"), rs.getString(3),
                        rs.getString(4), rs.getLong(5), rs.getLong(6)))
                .list();
        return Keyset.page(rows, page, f -> List.of(Cursor.instant(f.capturedAt()), f.imgUniqueId()));
    }

    /** {@link #precision} of every live verdict (the dashboard's panel: a model is judged on all its verdicts). */
    public List<PrecisionRow> precisionOfAllVerdicts() {
        return precision(new TimeRange(null, null), null);
    }

    /** Per model and class, and per model over all classes, the live verdicts given within {@code reviewedAt}. */
    public List<PrecisionRow> precision(TimeRange reviewedAt, String modelSha256) {
        SqlParts parts = new SqlParts().where("NOT v.is_deleted");
        reviewedAt.addTo(parts, "v.reviewed_at");
        if (modelSha256 != null) {
            parts.where("v.model_sha256 = :sha", "sha", modelSha256);
        }
        String sql = """
                SELECT v.model_sha256, v.class_id, max(v.class_name) AS class_name, count(*) AS reviewed,
                       count(*) FILTER (WHERE v.verdict = 'defect') AS confirmed,
                       count(*) FILTER (WHERE v.verdict = 'false_call') AS false_calls,
                       count(*) FILTER (WHERE v.verdict = 'unsure') AS unsure
                FROM region_reviews v
                """ + parts.whereClause()
                + " GROUP BY GROUPING SETS ((v.model_sha256, v.class_id), (v.model_sha256))"
                + " ORDER BY v.model_sha256 NULLS LAST, v.class_id NULLS FIRST";
        return jdbc.sql(sql).params(parts.params()).query((rs, n) -> {
            long confirmed = rs.getLong("confirmed");
            long falseCalls = rs.getLong("false_calls");
            long decided = confirmed + falseCalls;
            Integer classId = rs.getObject("class_id", Integer.class);
            return new PrecisionRow(rs.getString("model_sha256"), classId,
                    classId == null ? "all classes" : rs.getString("class_name"), rs.getLong("reviewed"), confirmed,
                    falseCalls, rs.getLong("unsure"), decided, decided == 0 ? null : (double) confirmed / decided);
        }).list();
    }
}
