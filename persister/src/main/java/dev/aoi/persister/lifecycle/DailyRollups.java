package dev.aoi.persister.lifecycle;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads {@code daily_rollups}: per UTC day of capture, camera, model sha and class — frames, frames with a
 * defect, regions and their total area — over ranges longer than the raw rows are kept (docs/lifecycle.md); class
 * {@link #ALL_CLASSES} counts each frame once (frames with a defect of any class, regions of all classes).
 * Plain queries on the primary key's leading {@code day}, for the stats of the console.
 */
public final class DailyRollups {

    /** One day of one class (optionally narrowed to a camera and a model). */
    public record Row(LocalDate day, String cameraId, String modelSha256, int classId, String className, long frames,
            long framesWithDefect, long regions, long totalAreaPixels) {
    }

    private static final String SELECT = """
            SELECT day, camera_id, model_sha256, class_id, class_name, frames, frames_with_defect, regions,
                total_area_pixels
            FROM daily_rollups
            WHERE day >= :from AND day < :to
              AND (CAST(:camera AS varchar) IS NULL OR camera_id = :camera)
              AND (CAST(:model AS varchar) IS NULL OR model_sha256 = :model)
              AND frames <> 0
            ORDER BY day, camera_id, model_sha256, class_id""";
    private static final String PER_CLASS = """
            SELECT day, '' AS camera_id, '' AS model_sha256, class_id, max(class_name) AS class_name, sum(frames),
                sum(frames_with_defect), sum(regions), sum(total_area_pixels)
            FROM daily_rollups
            WHERE day >= :from AND day < :to AND frames <> 0
            GROUP BY day, class_id
            ORDER BY day, class_id""";
    /** The aggregation of the stored rows that the writer keeps {@code daily_rollups} equal to. */
    private static final String RECOMPUTE = """
            WITH per_class AS (
                SELECT (i.captured_at AT TIME ZONE 'UTC')::date AS day, coalesce(i.camera_id, '') AS camera_id,
                    coalesce(rtrim(i.model_sha256), '') AS model_sha256, c.class_id, c.class_name,
                    c.total_regions, c.total_area_pixels, i.img_unique_id
                FROM images i JOIN classes c ON c.img_unique_id = i.img_unique_id AND c.captured_at = i.captured_at
                WHERE i.captured_at >= :fromTime AND i.captured_at < :toTime),
            per_image AS (
                SELECT (i.captured_at AT TIME ZONE 'UTC')::date AS day, coalesce(i.camera_id, '') AS camera_id,
                    coalesce(rtrim(i.model_sha256), '') AS model_sha256,
                    (SELECT coalesce(sum(c.total_regions), 0) FROM classes c
                     WHERE c.img_unique_id = i.img_unique_id AND c.captured_at = i.captured_at) AS regions,
                    (SELECT coalesce(sum(c.total_area_pixels), 0) FROM classes c
                     WHERE c.img_unique_id = i.img_unique_id AND c.captured_at = i.captured_at) AS area
                FROM images i WHERE i.captured_at >= :fromTime AND i.captured_at < :toTime)
            SELECT day, camera_id, model_sha256, class_id, max(class_name), count(*),
                count(*) FILTER (WHERE total_regions > 0), coalesce(sum(total_regions), 0),
                coalesce(sum(total_area_pixels), 0)
            FROM per_class GROUP BY 1, 2, 3, 4
            UNION ALL
            SELECT day, camera_id, model_sha256, 0, NULL, count(*), count(*) FILTER (WHERE regions > 0), sum(regions),
                sum(area)
            FROM per_image GROUP BY 1, 2, 3
            ORDER BY 1, 2, 3, 4""";
    /** The class id of the per-frame rows: all classes of a frame together. */
    public static final int ALL_CLASSES = 0;

    private final JdbcClient jdbc;

    public DailyRollups(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** Rows of days in [{@code from}, {@code to}); {@code cameraId}/{@code modelSha256} null for all. */
    public List<Row> rows(LocalDate from, LocalDate to, String cameraId, String modelSha256) {
        return jdbc.sql(SELECT).param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
                .param("camera", cameraId).param("model", modelSha256).query(DailyRollups::row).list();
    }

    /** Per day and class over all cameras and models (trend and Pareto). */
    public List<Row> perClass(LocalDate from, LocalDate to) {
        return jdbc.sql(PER_CLASS).param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
                .query(DailyRollups::row).list();
    }

    /** The same figures computed from the raw rows of days in [{@code from}, {@code to}) (while they exist). */
    public List<Row> recompute(LocalDate from, LocalDate to) {
        return jdbc.sql(RECOMPUTE)
                .param("fromTime", java.sql.Timestamp.from(from.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()))
                .param("toTime", java.sql.Timestamp.from(to.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()))
                .query(DailyRollups::row).list();
    }

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9));
    }
}
