package dev.aoi.infra.demo;

import dev.aoi.infra.postgres.JdbcDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** The demo's numbers, read back from PostgreSQL: what the user would query themselves. */
record DemoReport(long frames, long framesWithAllClasses, Map<String, long[]> defectsPerClass, double latencyP50,
        double latencyP99, double firstToLastSeconds) {

    /** Images stored so far (cheap; polled for progress). */
    static long storedFrames(JdbcDatabase db) {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM images")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1; // the schema may not exist yet while the persister starts
        }
    }

    static DemoReport read(JdbcDatabase db, int classesPerImage) throws SQLException {
        return read(db, classesPerImage, "");
    }

    /** Images whose id starts with {@code idPrefix}, stored so far. */
    static long storedFrames(JdbcDatabase db, String idPrefix) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM images WHERE img_unique_id LIKE ? || '%'")) {
            s.setString(1, idPrefix);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            return -1; // the schema may not exist yet while the persister starts
        }
    }

    /** The report over the images whose id starts with {@code idPrefix} (ids are [A-Za-z0-9._:-], no LIKE wildcards). */
    static DemoReport read(JdbcDatabase db, int classesPerImage, String idPrefix) throws SQLException {
        if (!idPrefix.matches("[A-Za-z0-9.:-]*")) {
            throw new IllegalArgumentException("id prefix must be of [A-Za-z0-9.:-], got " + idPrefix);
        }
        String images = "(SELECT * FROM images WHERE img_unique_id LIKE '" + idPrefix + "%')";
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            long frames;
            long complete;
            try (ResultSet rs = s.executeQuery("""
                    SELECT count(*), count(*) FILTER (WHERE n = %d)
                    FROM (SELECT i.img_unique_id, count(c.class_unique_id) AS n
                          FROM %s i LEFT JOIN classes c ON c.img_unique_id = i.img_unique_id
                          GROUP BY i.img_unique_id) per_image""".formatted(classesPerImage, images))) {
                rs.next();
                frames = rs.getLong(1);
                complete = rs.getLong(2);
            }
            Map<String, long[]> perClass = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("""
                    SELECT class_id, class_name, sum(total_regions), count(*) FILTER (WHERE total_regions > 0),
                           sum(total_area_pixels)
                    FROM classes WHERE img_unique_id IN (SELECT img_unique_id FROM %s i)
                    GROUP BY class_id, class_name ORDER BY class_id""".formatted(images))) {
                while (rs.next()) {
                    perClass.put(rs.getString(2), new long[] {rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                }
            }
            double p50;
            double p99;
            double span;
            try (ResultSet rs = s.executeQuery("""
                    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lat),
                           percentile_cont(0.99) WITHIN GROUP (ORDER BY lat),
                           extract(epoch FROM max(stored) - min(captured))
                    FROM (SELECT extract(epoch FROM created_at - captured_at) AS lat,
                                 created_at AS stored, captured_at AS captured
                          FROM %s i) t""".formatted(images))) {
                rs.next();
                p50 = rs.getDouble(1);
                p99 = rs.getDouble(2);
                span = rs.getDouble(3);
            }
            return new DemoReport(frames, complete, perClass, p50, p99, span);
        }
    }
}
