package dev.aoi.console.regions;

import dev.aoi.console.query.Cursor;
import dev.aoi.console.query.Keyset;
import dev.aoi.console.query.ListStatements;
import dev.aoi.console.query.Page;
import dev.aoi.console.query.PageRequest;
import dev.aoi.console.query.Sql;
import dev.aoi.console.query.SqlParts;
import dev.aoi.console.query.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Regions: those of one frame (in class and region order, paged when a frame has very many) and the search across
 * frames (newest frame first). Each is one statement whatever the number of regions; class id and name come from
 * a join, never from a query per row.
 */
public final class RegionRepository {

    /** Sort key of the search: the frame's (capture time, id), then the region's id. */
    public static final int SEARCH_KEY_SIZE = 3;
    /** Sort key of a frame's regions: (class_unique_id, region_id). */
    public static final int FRAME_KEY_SIZE = 2;

    private static final String COLUMNS = """
            r.region_unique_id, r.img_unique_id, i.captured_at, i.camera_id, c.class_id, c.class_name, r.region_id,
            r.centroid_x, r.centroid_y, r.bbox_x, r.bbox_y, r.bbox_width, r.bbox_height, r.area_pixels, r.perimeter,
            r.major_axis, r.minor_axis, r.circularity, r.aspect_ratio, r.class_unique_id
            """;
    private static final String JOINS = """
            JOIN regions r ON r.img_unique_id = i.img_unique_id AND r.captured_at = i.captured_at
            JOIN classes c ON c.img_unique_id = r.img_unique_id AND c.class_unique_id = r.class_unique_id
                AND c.captured_at = r.captured_at
            """;
    private static final String REGION_COLUMNS = """
            r.region_unique_id, r.img_unique_id, c.class_id, c.class_name, r.region_id, r.centroid_x, r.centroid_y,
            r.bbox_x, r.bbox_y, r.bbox_width, r.bbox_height, r.area_pixels, r.perimeter, r.major_axis, r.minor_axis,
            r.circularity, r.aspect_ratio, r.class_unique_id
            """;
    private static final Keyset SEARCH =
            new Keyset(List.of("i.captured_at", "i.img_unique_id", "x.region_unique_id"), true);
    private static final Keyset OF_FRAME = new Keyset(List.of("r.class_unique_id", "r.region_id"), false);

    private final ListStatements statements;
    private final JdbcClient jdbc;

    /** {@code streaming} must have a fetch size; {@code readTransaction} opens the transaction it needs to stream. */
    public RegionRepository(NamedParameterJdbcTemplate streaming, TransactionOperations readTransaction) {
        this.statements = new ListStatements(streaming, readTransaction);
        this.jdbc = statements.jdbc();
    }

    /** One page of the regions matching {@code filter}, newest frame first. */
    public Page<RegionRow> search(RegionFilter filter, PageRequest page) {
        return Keyset.page(statements.list(searchSql(filter, page), MAPPER), page, RegionRepository::searchKey);
    }

    /** Every region matching {@code filter} from the page's cursor on, to {@code sink}, without holding them. */
    public void streamSearch(RegionFilter filter, PageRequest page, Consumer<RegionRow> sink) {
        statements.stream(searchSql(filter, page), MAPPER, sink);
    }

    /** One page of a frame's regions in class and region order. */
    public Page<RegionRow> ofFrame(String imgUniqueId, PageRequest page) {
        return Keyset.page(statements.list(frameSql(imgUniqueId, page), KEYED), page, Keyed::key).map(Keyed::row);
    }

    /** Every region of a frame from the page's cursor on, to {@code sink}. */
    public void streamOfFrame(String imgUniqueId, PageRequest page, Consumer<RegionRow> sink) {
        statements.stream(frameSql(imgUniqueId, page), MAPPER, sink);
    }

    /** One region by its id. */
    public Optional<RegionRow> find(String regionUniqueId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM images i " + JOINS + " WHERE r.region_unique_id = :id")
                .param("id", regionUniqueId).query(MAPPER).optional();
    }

    /** The search's statement, as {@link #search} runs it (for EXPLAIN). */
    public static Sql searchSql(RegionFilter f, PageRequest page) {
        // Frames are walked newest first through ix_images_captured and each frame's matching regions are found
        // by a LATERAL probe of its partition: the planner must nest the loop in the index's order, so LIMIT
        // stops after a page instead of joining and sorting every region of the range.
        SqlParts frames = new SqlParts().where("i.captured_at IS NOT NULL");
        f.range().addTo(frames, "i.captured_at");
        if (f.cameraId() != null) {
            frames.where("i.camera_id = :camera", "camera", f.cameraId());
        }
        SqlParts regions = new SqlParts()
                .where("r.img_unique_id = i.img_unique_id")
                .where("r.captured_at = i.captured_at");
        if (f.classId() != null) {
            // the class's row id is derived from the frame's (docs/database.md, "Ids"): an equality the region index can use
            regions.where("r.class_unique_id = i.img_unique_id || '_c' || :class_id", "class_id", f.classId());
        }
        if (f.minArea() != null) {
            regions.where("r.area_pixels >= :min_area", "min_area", f.minArea());
        }
        if (f.maxArea() != null) {
            regions.where("r.area_pixels <= :max_area", "max_area", f.maxArea());
        }
        if (page.cursor() != null) {
            Cursor c = page.cursor();
            List<Object> key = List.of(Timestamps.bind(c.instantAt(0)), c.key().get(1), c.key().get(2));
            SEARCH.addTo(frames, page, key);
            // the frame part of the key alone, so that the scan of images starts at the cursor in the index
            frames.where("(i.captured_at, i.img_unique_id) " + (page.forward() ? "<=" : ">=") + " (:k0, :k1)");
        }
        frames.params().putAll(regions.params());
        String sql = "SELECT x.*, i.captured_at, i.camera_id FROM images i CROSS JOIN LATERAL (SELECT "
                + REGION_COLUMNS + " FROM regions r JOIN classes c ON c.img_unique_id = r.img_unique_id"
                + " AND c.class_unique_id = r.class_unique_id AND c.captured_at = r.captured_at "
                + regions.whereClause() + ") x " + frames.whereClause() + " " + SEARCH.orderBy(page) + " "
                + Keyset.limit(page);
        return new Sql(sql, frames.params());
    }

    private static Sql frameSql(String imgUniqueId, PageRequest page) {
        SqlParts parts = new SqlParts().where("i.img_unique_id = :id", "id", imgUniqueId)
                .where("i.captured_at = " + dev.aoi.console.query.ImageKeys.CAPTURED_AT_OF_ID);
        if (page.cursor() != null) {
            int regionId;
            try {
                regionId = Integer.parseInt(page.cursor().key().get(1));
            } catch (NumberFormatException e) {
                throw new dev.aoi.console.query.BadFilterException("cursor", "cursor is not one of this frame's");
            }
            OF_FRAME.addTo(parts, page, List.of(page.cursor().key().get(0), regionId));
        }
        String sql = "SELECT " + COLUMNS + " FROM images i " + JOINS + parts.whereClause() + " "
                + OF_FRAME.orderBy(page) + " " + Keyset.limit(page);
        return new Sql(sql, parts.params());
    }

    private static List<String> searchKey(RegionRow r) {
        return List.of(Cursor.instant(r.capturedAt()), r.imgUniqueId(), r.regionUniqueId());
    }

    private record Keyed(RegionRow row, List<String> key) {
    }

    static final RowMapper<RegionRow> MAPPER = RegionRepository::map;
    private static final RowMapper<Keyed> KEYED = (rs, n) -> new Keyed(map(rs, n),
            List.of(rs.getString("class_unique_id"), Integer.toString(rs.getInt("region_id"))));

    private static RegionRow map(ResultSet rs, int n) throws SQLException {
        return new RegionRow(rs.getString("region_unique_id"), rs.getString("img_unique_id"),
                Timestamps.read(rs, "captured_at"), rs.getString("camera_id"), rs.getInt("class_id"),
                rs.getString("class_name"), rs.getInt("region_id"), rs.getObject("centroid_x", Double.class),
                rs.getObject("centroid_y", Double.class), rs.getObject("bbox_x", Integer.class),
                rs.getObject("bbox_y", Integer.class), rs.getObject("bbox_width", Integer.class),
                rs.getObject("bbox_height", Integer.class), rs.getObject("area_pixels", Integer.class),
                rs.getObject("perimeter", Double.class), rs.getObject("major_axis", Double.class),
                rs.getObject("minor_axis", Double.class), rs.getObject("circularity", Double.class),
                rs.getObject("aspect_ratio", Double.class));
    }
}
