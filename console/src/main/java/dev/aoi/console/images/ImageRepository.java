package dev.aoi.console.images;

import dev.aoi.console.query.Cursor;
import dev.aoi.console.query.ImageKeys;
import dev.aoi.console.query.JsonText;
import dev.aoi.console.query.Keyset;
import dev.aoi.console.query.ListStatements;
import dev.aoi.console.query.Page;
import dev.aoi.console.query.PageRequest;
import dev.aoi.console.query.Sql;
import dev.aoi.console.query.SqlParts;
import dev.aoi.console.query.Timestamps;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Frames: the filtered list (newest capture first, keyset-paged on {@code (captured_at, img_unique_id)}, served by
 * {@code ix_images_captured} or {@code ix_images_camera_captured}), one frame's row and its classes, and the
 * stored locations of its files. A frame's per-class counts come with it from one lateral aggregate in the same
 * statement, never from a query per frame.
 */
public final class ImageRepository {

    /** Sort key: (capture time, id). */
    public static final int KEY_SIZE = 2;

    private static final String COLUMNS = """
            i.img_unique_id, i.captured_at, i.camera_id, i.model_name, i.model_sha256, i.worker_id, i.image_width,
            i.image_height, i.processing_time_seconds, i.processed_at, i.attributes::text AS attributes_json
            """;
    private static final String COUNTS = """
            CROSS JOIN LATERAL (
                SELECT coalesce(sum(c.total_regions), 0) AS total_regions,
                       coalesce(sum(c.total_regions) FILTER (WHERE c.class_id = CAST(:class_id AS int)), 0) AS class_regions,
                       array_agg(c.class_id ORDER BY c.class_id) AS class_ids,
                       array_agg(c.class_name ORDER BY c.class_id) AS class_names,
                       array_agg(c.total_regions ORDER BY c.class_id) AS class_totals,
                       array_agg(c.total_area_pixels ORDER BY c.class_id) AS class_areas
                FROM classes c WHERE c.img_unique_id = i.img_unique_id AND c.captured_at = i.captured_at) s
            """;
    private static final Keyset ORDER = new Keyset(List.of("i.captured_at", "i.img_unique_id"), true);

    private final ListStatements statements;
    private final JdbcClient jdbc;

    /** {@code streaming} must have a fetch size; {@code readTransaction} opens the transaction it needs to stream. */
    public ImageRepository(NamedParameterJdbcTemplate streaming, TransactionOperations readTransaction) {
        this.statements = new ListStatements(streaming, readTransaction);
        this.jdbc = statements.jdbc();
    }

    /** One page of the frames matching {@code filter}, newest capture first. */
    public Page<ImageSummary> list(ImageFilter filter, PageRequest page) {
        return Keyset.page(statements.list(listSql(filter, page), SUMMARY), page, ImageRepository::key);
    }

    /** Every frame matching {@code filter} from the page's cursor on, to {@code sink}, without holding them. */
    public void stream(ImageFilter filter, PageRequest page, Consumer<ImageSummary> sink) {
        statements.stream(listSql(filter, page), SUMMARY, sink);
    }

    /** A frame's row and where its files are. */
    public record Stored(ImageSummary image, ImageFiles files) {
    }

    /** The frame's row (without counts: see {@link #classes}) and its file locations, in one statement. */
    public Optional<Stored> findWithFiles(String imgUniqueId) {
        return jdbc.sql("SELECT " + COLUMNS + ", NULL::int[] AS class_ids, 0 AS total_regions, i.input_image_path,"
                        + " i.result_image_1_path, i.result_image_2_path, i.result_image_3_path FROM images i"
                        + " WHERE i.img_unique_id = :id AND i.captured_at = " + ImageKeys.CAPTURED_AT_OF_ID)
                .param("id", imgUniqueId)
                .query((rs, n) -> new Stored(map(rs, n), new ImageFiles(rs.getString("input_image_path"),
                        rs.getString("result_image_1_path"), rs.getString("result_image_2_path"),
                        rs.getString("result_image_3_path"))))
                .optional();
    }

    /** The frame's classes in class order, zero counts included. */
    public List<ClassCount> classes(String imgUniqueId) {
        return jdbc.sql("SELECT class_id, class_name, total_regions, total_area_pixels FROM classes"
                        + " WHERE img_unique_id = :id AND captured_at = " + ImageKeys.CAPTURED_AT_OF_ID + " ORDER BY class_id")
                .param("id", imgUniqueId)
                .query((rs, n) -> new ClassCount(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getLong(4)))
                .list();
    }

    /** Where the frame's input and result images are stored. */
    public Optional<ImageFiles> files(String imgUniqueId) {
        return jdbc.sql("SELECT input_image_path, result_image_1_path, result_image_2_path, result_image_3_path"
                        + " FROM images WHERE img_unique_id = :id AND captured_at = " + ImageKeys.CAPTURED_AT_OF_ID)
                .param("id", imgUniqueId)
                .query((rs, n) -> new ImageFiles(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    /** The list's statement for {@code filter} and {@code page}, as {@link #list} runs it (for EXPLAIN). */
    public static Sql listSql(ImageFilter f, PageRequest page) {
        SqlParts parts = new SqlParts().where("i.captured_at IS NOT NULL");
        parts.bind("class_id", f.classId());
        f.range().addTo(parts, "i.captured_at");
        if (f.cameraId() != null) {
            parts.where("i.camera_id = :camera", "camera", f.cameraId());
        }
        if (f.modelSha256() != null) {
            parts.where("i.model_sha256 = :sha", "sha", f.modelSha256());
        }
        if (!f.attributes().isEmpty()) {
            parts.where("i.attributes @> CAST(:attrs AS jsonb)", "attrs", JsonText.of(f.attributes()));
        }
        if (f.classId() != null) {
            parts.where("s.class_regions >= :class_min", "class_min", f.minRegions() == null ? 1 : f.minRegions());
        } else if (f.minRegions() != null) {
            parts.where("s.total_regions >= :min_regions", "min_regions", f.minRegions());
        }
        if (page.cursor() != null) {
            Cursor c = page.cursor();
            ORDER.addTo(parts, page, List.of(Timestamps.bind(c.instantAt(0)), c.key().get(1)));
        }
        String sql = "SELECT " + COLUMNS + ", s.* FROM images i " + COUNTS + parts.whereClause() + " "
                + ORDER.orderBy(page) + " " + Keyset.limit(page);
        return new Sql(sql, parts.params());
    }

    private static List<String> key(ImageSummary s) {
        return List.of(Cursor.instant(s.capturedAt()), s.imgUniqueId());
    }

    private static final RowMapper<ImageSummary> SUMMARY = ImageRepository::map;

    private static ImageSummary map(ResultSet rs, int n) throws SQLException {
        Map<String, String> attributes = JsonText.attributes(rs.getString("attributes_json"));
        return new ImageSummary(rs.getString("img_unique_id"), Timestamps.read(rs, "captured_at"),
                rs.getString("camera_id"), rs.getString("model_name"), rs.getString("model_sha256"),
                rs.getString("worker_id"), rs.getObject("image_width", Integer.class),
                rs.getObject("image_height", Integer.class), rs.getObject("processing_time_seconds", Double.class),
                Timestamps.read(rs, "processed_at"), attributes, rs.getLong("total_regions"), classCounts(rs));
    }

    private static List<ClassCount> classCounts(ResultSet rs) throws SQLException {
        Array ids = rs.getArray("class_ids");
        if (ids == null) {
            return List.of();
        }
        Integer[] classIds = (Integer[]) ids.getArray();
        String[] names = (String[]) rs.getArray("class_names").getArray();
        Integer[] totals = (Integer[]) rs.getArray("class_totals").getArray();
        Integer[] areas = (Integer[]) rs.getArray("class_areas").getArray();
        List<ClassCount> out = new ArrayList<>(classIds.length);
        for (int k = 0; k < classIds.length; k++) {
            out.add(new ClassCount(classIds[k], names[k], totals[k] == null ? 0 : totals[k],
                    areas[k] == null ? 0 : areas[k]));
        }
        return out;
    }
}
