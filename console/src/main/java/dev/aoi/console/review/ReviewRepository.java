package dev.aoi.console.review;

import dev.aoi.console.db.ConsoleWriter;
import dev.aoi.console.query.Cursor;
import dev.aoi.console.query.Keyset;
import dev.aoi.console.query.Page;
import dev.aoi.console.query.PageRequest;
import dev.aoi.console.query.SqlParts;
import dev.aoi.console.query.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reviewers' verdicts ({@code region_reviews}) and their audit trail. Optimistic locking: a change names the
 * version it was made on and is refused with the current row when the stored version moved on; the row is read
 * {@code FOR UPDATE} first, so of two concurrent changes on the same version exactly one wins. Soft delete: rows
 * are never deleted (the database role cannot), and every read filters {@code is_deleted} unless asked not to.
 * Each change writes its before/after to {@code region_review_history} in the same transaction.
 */
public final class ReviewRepository {

    /** Sort key of the list: (reviewed_at, id), newest first. */
    public static final int KEY_SIZE = 2;

    static final String COLUMNS = """
            v.id, v.region_unique_id, v.img_unique_id, v.class_id, v.class_name, v.region_id, v.bbox_x, v.bbox_y,
            v.bbox_width, v.bbox_height, v.area_pixels, v.model_sha256, v.verdict, v.comment, rb.username AS reviewer,
            v.reviewed_at, v.version, v.is_deleted, v.deleted_at, db.username AS deleter
            """;
    static final String FROM = """
            region_reviews v JOIN users rb ON rb.id = v.reviewed_by LEFT JOIN users db ON db.id = v.deleted_by
            """;
    private static final String SNAPSHOT = """
            SELECT r.region_unique_id, r.img_unique_id, c.class_id, c.class_name, r.region_id, r.bbox_x, r.bbox_y,
                   r.bbox_width, r.bbox_height, r.area_pixels, i.model_sha256
            FROM regions r
            JOIN classes c ON c.img_unique_id = r.img_unique_id AND c.class_unique_id = r.class_unique_id
            JOIN images i ON i.img_unique_id = r.img_unique_id
            WHERE r.region_unique_id = :region
            """;
    private static final Keyset ORDER = new Keyset(List.of("v.reviewed_at", "v.id"), true);

    private final JdbcClient jdbc;
    private final ConsoleWriter writer;

    public ReviewRepository(ConsoleWriter writer) {
        this.writer = writer;
        this.jdbc = writer.jdbc();
    }

    /** The region as stored now, to copy into a verdict; empty when there is no such region. */
    public Optional<RegionSnapshot> snapshot(String regionUniqueId) {
        return jdbc.sql(SNAPSHOT).param("region", regionUniqueId)
                .query((rs, n) -> new RegionSnapshot(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getInt(5), (Integer) rs.getObject(6), (Integer) rs.getObject(7), (Integer) rs.getObject(8),
                        (Integer) rs.getObject(9), (Integer) rs.getObject(10), rs.getString(11)))
                .optional();
    }

    /**
     * Records the first verdict on the region as the model reported it. A live verdict on it already is a conflict
     * (someone was faster): the answer carries theirs, and nothing is overwritten.
     */
    public ReviewOutcome create(String regionUniqueId, Verdict verdict, String comment, long userId) {
        return writer.transaction().execute(tx -> {
            Optional<RegionSnapshot> region = snapshot(regionUniqueId);
            if (region.isEmpty()) {
                return new ReviewOutcome.Missing("no region " + regionUniqueId);
            }
            RegionSnapshot r = region.get();
            Optional<Long> id = jdbc.sql("""
                            INSERT INTO region_reviews (region_unique_id, img_unique_id, class_id, class_name, region_id,
                                bbox_x, bbox_y, bbox_width, bbox_height, area_pixels, model_sha256, verdict, comment,
                                reviewed_by)
                            VALUES (:region, :img, :class_id, :class_name, :region_id, :x, :y, :w, :h, :area, :sha,
                                :verdict, :comment, :user)
                            ON CONFLICT (region_unique_id, coalesce(model_sha256, '')) WHERE NOT is_deleted DO NOTHING
                            RETURNING id""")
                    .param("region", r.regionUniqueId()).param("img", r.imgUniqueId()).param("class_id", r.classId())
                    .param("class_name", r.className()).param("region_id", r.regionId()).param("x", r.bboxX())
                    .param("y", r.bboxY()).param("w", r.bboxWidth()).param("h", r.bboxHeight())
                    .param("area", r.areaPixels()).param("sha", r.modelSha256()).param("verdict", verdict.dbName())
                    .param("comment", comment).param("user", userId)
                    .query(Long.class).optional();
            if (id.isEmpty()) {
                Review current = liveFor(r).orElseThrow();
                return new ReviewOutcome.Conflict(current, "region " + regionUniqueId + " was reviewed by "
                        + current.reviewedBy() + " meanwhile");
            }
            Review created = find(id.get(), false).orElseThrow();
            audit(created, "create", null, null, userId);
            return new ReviewOutcome.Saved(created);
        });
    }

    /** Changes verdict and comment when the stored version is still {@code expectedVersion}. */
    public ReviewOutcome update(long id, Verdict verdict, String comment, int expectedVersion, long userId) {
        return writer.transaction().execute(tx -> {
            Optional<Review> locked = lock(id);
            if (locked.isEmpty() || locked.get().isDeleted()) {
                return new ReviewOutcome.Missing("no review " + id);
            }
            Review before = locked.get();
            if (before.version() != expectedVersion) {
                return stale(before, expectedVersion);
            }
            jdbc.sql("UPDATE region_reviews SET verdict = :verdict, comment = :comment, reviewed_by = :user,"
                            + " reviewed_at = now(), version = version + 1 WHERE id = :id")
                    .param("verdict", verdict.dbName()).param("comment", comment).param("user", userId)
                    .param("id", id).update();
            Review after = find(id, true).orElseThrow();
            audit(after, "update", before.verdict(), before.comment(), userId);
            return new ReviewOutcome.Saved(after);
        });
    }

    /** Soft-deletes a live review ({@code expectedVersion} null: whatever its version). */
    public ReviewOutcome delete(long id, Integer expectedVersion, long userId) {
        return writer.transaction().execute(tx -> {
            Optional<Review> locked = lock(id);
            if (locked.isEmpty() || locked.get().isDeleted()) {
                return new ReviewOutcome.Missing("no review " + id);
            }
            Review before = locked.get();
            if (expectedVersion != null && before.version() != expectedVersion) {
                return stale(before, expectedVersion);
            }
            jdbc.sql("UPDATE region_reviews SET is_deleted = true, deleted_at = now(), deleted_by = :user,"
                    + " version = version + 1 WHERE id = :id").param("user", userId).param("id", id).update();
            Review after = find(id, true).orElseThrow();
            audit(after, "delete", before.verdict(), before.comment(), userId);
            return new ReviewOutcome.Saved(after);
        });
    }

    /** Brings a soft-deleted review back, unless the region got another live verdict meanwhile. */
    public ReviewOutcome restore(long id, long userId) {
        return writer.transaction().execute(tx -> {
            Optional<Review> locked = lock(id);
            if (locked.isEmpty() || !locked.get().isDeleted()) {
                return new ReviewOutcome.Missing("no deleted review " + id);
            }
            Review before = locked.get();
            Optional<Review> live = liveFor(before.regionUniqueId(), before.modelSha256());
            if (live.isPresent()) {
                return new ReviewOutcome.Conflict(live.get(), "region " + before.regionUniqueId()
                        + " has a newer live verdict (review " + live.get().id() + "); delete that one first");
            }
            jdbc.sql("UPDATE region_reviews SET is_deleted = false, deleted_at = NULL, deleted_by = NULL,"
                    + " version = version + 1 WHERE id = :id").param("id", id).update();
            Review after = find(id, false).orElseThrow();
            audit(after, "restore", before.verdict(), before.comment(), userId);
            return new ReviewOutcome.Saved(after);
        });
    }

    /** One review; a soft-deleted one only when {@code includeDeleted}. */
    public Optional<Review> find(long id, boolean includeDeleted) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + FROM + " WHERE v.id = :id"
                        + (includeDeleted ? "" : " AND NOT v.is_deleted"))
                .param("id", id).query(REVIEW).optional();
    }

    /** One page of the reviews matching {@code filter}, newest first. */
    public Page<Review> list(ReviewFilter filter, PageRequest page) {
        SqlParts parts = new SqlParts();
        if (!filter.includeDeleted()) {
            parts.where("NOT v.is_deleted");
        }
        filter.reviewedAt().addTo(parts, "v.reviewed_at");
        if (filter.verdict() != null) {
            parts.where("v.verdict = :verdict", "verdict", filter.verdict().dbName());
        }
        if (filter.modelSha256() != null) {
            parts.where("v.model_sha256 = :sha", "sha", filter.modelSha256());
        }
        if (filter.classId() != null) {
            parts.where("v.class_id = :class_id", "class_id", filter.classId());
        }
        if (filter.imgUniqueId() != null) {
            parts.where("v.img_unique_id = :img", "img", filter.imgUniqueId());
        }
        if (page.cursor() != null) {
            Cursor c = page.cursor();
            ORDER.addTo(parts, page, List.of(Timestamps.bind(c.instantAt(0)), Long.parseLong(c.key().get(1))));
        }
        List<Review> rows = jdbc.sql("SELECT " + COLUMNS + " FROM " + FROM + parts.whereClause() + " "
                        + ORDER.orderBy(page) + " " + Keyset.limit(page))
                .params(parts.params()).query(REVIEW).list();
        return Keyset.page(rows, page, r -> List.of(Cursor.instant(r.reviewedAt()), Long.toString(r.id())));
    }

    /** The live verdicts on a frame's regions, in class and region order (one statement). */
    public List<Review> ofFrame(String imgUniqueId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + FROM + " WHERE v.img_unique_id = :img AND NOT v.is_deleted"
                        + " ORDER BY v.class_id, v.region_id, v.id")
                .param("img", imgUniqueId).query(REVIEW).list();
    }

    /** The audit trail of one review, oldest change first. */
    public List<ReviewChange> history(long id) {
        return jdbc.sql("SELECT h.id, h.review_id, h.action, h.version, h.previous_verdict, h.previous_comment,"
                        + " h.verdict, h.comment, u.username, h.changed_at FROM region_review_history h"
                        + " JOIN users u ON u.id = h.changed_by WHERE h.review_id = :id ORDER BY h.id")
                .param("id", id)
                .query((rs, n) -> new ReviewChange(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        Timestamps.read(rs, "changed_at")))
                .list();
    }

    private Optional<Review> lock(long id) {
        jdbc.sql("SELECT id FROM region_reviews WHERE id = :id FOR UPDATE").param("id", id).query(Long.class)
                .optional();
        return find(id, true);
    }

    private Optional<Review> liveFor(RegionSnapshot r) {
        return liveFor(r.regionUniqueId(), r.modelSha256());
    }

    private Optional<Review> liveFor(String regionUniqueId, String modelSha256) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM " + FROM + " WHERE v.region_unique_id = :region AND NOT v.is_deleted"
                        + " AND coalesce(v.model_sha256, '') = coalesce(:sha, '')")
                .param("region", regionUniqueId).param("sha", modelSha256).query(REVIEW).optional();
    }

    private static ReviewOutcome stale(Review current, int expectedVersion) {
        return new ReviewOutcome.Conflict(current, "review " + current.id() + " is at version " + current.version()
                + ", not " + expectedVersion + ": " + current.reviewedBy() + " changed it meanwhile");
    }

    private void audit(Review after, String action, String previousVerdict, String previousComment, long userId) {
        jdbc.sql("INSERT INTO region_review_history (review_id, action, version, previous_verdict, previous_comment,"
                        + " verdict, comment, changed_by) VALUES (:id, :action, :version, :pv, :pc, :v, :c, :user)")
                .param("id", after.id()).param("action", action).param("version", after.version())
                .param("pv", previousVerdict).param("pc", previousComment).param("v", after.verdict())
                .param("c", after.comment()).param("user", userId).update();
    }

    static final RowMapper<Review> REVIEW = ReviewRepository::map;

    private static Review map(ResultSet rs, int n) throws SQLException {
        return new Review(rs.getLong("id"), rs.getString("region_unique_id"), rs.getString("img_unique_id"),
                rs.getInt("class_id"), rs.getString("class_name"), rs.getInt("region_id"),
                rs.getObject("bbox_x", Integer.class), rs.getObject("bbox_y", Integer.class),
                rs.getObject("bbox_width", Integer.class), rs.getObject("bbox_height", Integer.class),
                rs.getObject("area_pixels", Integer.class), rs.getString("model_sha256"), rs.getString("verdict"),
                rs.getString("comment"), rs.getString("reviewer"), Timestamps.read(rs, "reviewed_at"),
                rs.getInt("version"), rs.getBoolean("is_deleted"), Timestamps.read(rs, "deleted_at"),
                rs.getString("deleter"));
    }
}
