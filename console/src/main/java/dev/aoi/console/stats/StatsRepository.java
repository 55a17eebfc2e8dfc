package dev.aoi.console.stats;

import dev.aoi.console.query.Sql;
import dev.aoi.console.query.SqlParts;
import dev.aoi.console.query.Timestamps;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The process engineers' numbers over a capture-time range, each one statement: the range selects frames through
 * {@code ix_images_captured} (or the camera index) and their classes through the unique (image, class) index.
 * Every answer is per class, per camera or per frame, so the daily rollups (docs/console.md) can answer the same
 * questions for ranges past the raw rows' retention.
 */
public final class StatsRepository {

    /** Trend buckets. */
    public enum Bucket { HOUR, DAY }

    private static final String PER_IMAGE = """
            WITH per_image AS (
                SELECT i.img_unique_id, i.captured_at, i.camera_id, i.attributes, sum(c.total_regions) AS defects
                FROM images i JOIN classes c ON c.img_unique_id = i.img_unique_id AND c.captured_at = i.captured_at
                %s
                GROUP BY i.img_unique_id, i.captured_at, i.camera_id, i.attributes)
            """;

    private final JdbcClient jdbc;

    public StatsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Regions and frames-with-class per class per hour or day (UTC), oldest bucket first. */
    public List<TrendPoint> trend(StatsQuery q, Bucket bucket) {
        Sql sql = trendSql(q, bucket);
        return jdbc.sql(sql.text()).params(sql.params()).query((rs, n) -> new TrendPoint(Timestamps.read(rs, "bucket"),
                rs.getInt("class_id"), rs.getString("class_name"), rs.getLong("regions"), rs.getLong("frames")))
                .list();
    }

    /** Classes by regions, largest first, with each one's share and the running share. */
    public List<ParetoEntry> pareto(StatsQuery q) {
        record Row(int classId, String name, long regions, long frames, long area) {
        }
        Sql sql = paretoSql(q);
        List<Row> rows = jdbc.sql(sql.text()).params(sql.params())
                .query((rs, n) -> new Row(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .list();
        long total = rows.stream().mapToLong(Row::regions).sum();
        List<ParetoEntry> out = new ArrayList<>(rows.size());
        long running = 0;
        for (Row r : rows) {
            running += r.regions();
            out.add(new ParetoEntry(r.classId(), r.name(), r.regions(), r.frames(), r.area(),
                    total == 0 ? 0 : (double) r.regions() / total, total == 0 ? 0 : (double) running / total));
        }
        return out;
    }

    /** Per camera: frames, frames with a defect, defects and defects per frame, by camera id. */
    public List<CameraStats> cameras(StatsQuery q) {
        Sql sql = camerasSql(q);
        return jdbc.sql(sql.text()).params(sql.params())
                .query((rs, n) -> new CameraStats(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(2) == 0 ? 0 : (double) rs.getLong(4) / rs.getLong(2)))
                .list();
    }

    /** The {@code n} frames with the most defect regions (ties: newest first). */
    public List<WorstImage> worstImages(StatsQuery q, int n, String lotAttribute) {
        Sql sql = worstImagesSql(q, n, lotAttribute);
        return jdbc.sql(sql.text()).params(sql.params())
                .query((rs, k) -> new WorstImage(rs.getString(1), Timestamps.read(rs, "captured_at"), rs.getString(3),
                        rs.getString(4), rs.getLong(5)))
                .list();
    }

    /** The {@code n} lots (values of the {@code lotAttribute} attribute) with the most defect regions. */
    public List<WorstLot> worstLots(StatsQuery q, int n, String lotAttribute) {
        Sql sql = worstLotsSql(q, n, lotAttribute);
        return jdbc.sql(sql.text()).params(sql.params())
                .query((rs, k) -> new WorstLot(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(2) == 0 ? 0 : (double) rs.getLong(4) / rs.getLong(2)))
                .list();
    }

    /**
     * The day-bucket trend of whole UTC days in [{@code from}, {@code to}) from {@code daily_rollups}, which the
     * persister keeps equal to the raw rows as it writes and which outlive their retention (docs/lifecycle.md):
     * the same answer as {@link #trend} with {@link Bucket#DAY} while the raw rows exist, and any range after.
     */
    public List<TrendPoint> dailyFromRollups(java.time.LocalDate from, java.time.LocalDate to, String cameraId) {
        return jdbc.sql("""
                SELECT day, class_id, max(class_name) AS class_name, sum(regions) AS regions,
                    sum(frames_with_defect) AS frames
                FROM daily_rollups
                WHERE day >= :from AND day < :to AND class_id <> 0
                  AND (CAST(:camera AS varchar) IS NULL OR camera_id = :camera)
                GROUP BY day, class_id
                HAVING sum(frames) > 0
                ORDER BY day, class_id""")
                .param("from", java.sql.Date.valueOf(from)).param("to", java.sql.Date.valueOf(to))
                .param("camera", cameraId)
                .query((rs, n) -> new TrendPoint(rs.getDate("day").toLocalDate().atStartOfDay(java.time.ZoneOffset.UTC)
                        .toInstant(), rs.getInt("class_id"), rs.getString("class_name"), rs.getLong("regions"),
                        rs.getLong("frames")))
                .list();
    }

    /** The trend's statement (for EXPLAIN). */
    public static Sql trendSql(StatsQuery q, Bucket bucket) {
        SqlParts parts = where(q);
        return new Sql("SELECT date_trunc('" + (bucket == Bucket.HOUR ? "hour" : "day") + "', i.captured_at, 'UTC')"
                + " AS bucket, c.class_id, c.class_name, sum(c.total_regions) AS regions,"
                + " count(*) FILTER (WHERE c.total_regions > 0) AS frames"
                + " FROM images i JOIN classes c ON c.img_unique_id = i.img_unique_id AND c.captured_at = i.captured_at " + parts.whereClause()
                + " GROUP BY 1, 2, 3 ORDER BY 1, 2", parts.params());
    }

    /** The Pareto's statement (for EXPLAIN). */
    public static Sql paretoSql(StatsQuery q) {
        SqlParts parts = where(q);
        return new Sql("SELECT c.class_id, c.class_name, sum(c.total_regions) AS regions,"
                + " count(*) FILTER (WHERE c.total_regions > 0) AS frames,"
                + " coalesce(sum(c.total_area_pixels), 0) AS area"
                + " FROM images i JOIN classes c ON c.img_unique_id = i.img_unique_id AND c.captured_at = i.captured_at " + parts.whereClause()
                + " GROUP BY 1, 2 ORDER BY regions DESC, c.class_id", parts.params());
    }

    /** The per-camera statement (for EXPLAIN). */
    public static Sql camerasSql(StatsQuery q) {
        SqlParts parts = where(q);
        return new Sql(PER_IMAGE.formatted(parts.whereClause())
                + "SELECT camera_id, count(*) AS frames, count(*) FILTER (WHERE defects > 0) AS with_defect,"
                + " sum(defects) AS defects FROM per_image GROUP BY camera_id ORDER BY camera_id NULLS LAST",
                parts.params());
    }

    /** The worst frames' statement (for EXPLAIN). */
    public static Sql worstImagesSql(StatsQuery q, int n, String lotAttribute) {
        SqlParts parts = where(q).bind("lot_key", lotAttribute).bind("n", n);
        return new Sql(PER_IMAGE.formatted(parts.whereClause())
                + "SELECT img_unique_id, captured_at, camera_id, attributes ->> :lot_key AS lot, defects"
                + " FROM per_image ORDER BY defects DESC, captured_at DESC, img_unique_id DESC LIMIT :n",
                parts.params());
    }

    /** The worst lots' statement (for EXPLAIN). */
    public static Sql worstLotsSql(StatsQuery q, int n, String lotAttribute) {
        SqlParts parts = where(q).bind("lot_key", lotAttribute).bind("n", n);
        return new Sql(PER_IMAGE.formatted(parts.whereClause())
                + "SELECT attributes ->> :lot_key AS lot, count(*) AS frames,"
                + " count(*) FILTER (WHERE defects > 0) AS with_defect, sum(defects) AS defects"
                + " FROM per_image WHERE attributes ->> :lot_key IS NOT NULL GROUP BY 1"
                + " ORDER BY defects DESC, lot LIMIT :n", parts.params());
    }

    private static SqlParts where(StatsQuery q) {
        SqlParts parts = new SqlParts();
        q.range().addTo(parts, "i.captured_at");
        if (q.cameraId() != null) {
            parts.where("i.camera_id = :camera", "camera", q.cameraId());
        }
        return parts;
    }
}
