package dev.aoi.persister.write;

import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.InspectionResult;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What one transaction changes in {@code daily_rollups}: each stored class row counts once per (UTC day of capture,
 * camera, model sha, class) — a frame, a frame with a defect when it has regions, its regions and their area —
 * and each stored image once under class {@value #ALL_CLASSES} (a frame with a defect of any class). A result that
 * replaces a stored one subtracts the old rows and adds the new, so the table always equals the aggregation of the
 * stored rows (docs/lifecycle.md; {@code DailyRollups.recompute} is that aggregation).
 */
final class RollupDelta {

    /** The class id of the per-image row: all classes of a frame together. */
    static final int ALL_CLASSES = 0;

    private static final String UPSERT = """
            INSERT INTO daily_rollups AS d (day, camera_id, model_sha256, class_id, class_name, frames,
                frames_with_defect, regions, total_area_pixels)
            SELECT * FROM unnest(?::date[], ?::varchar[], ?::varchar[], ?::int4[], ?::varchar[], ?::int8[], ?::int8[],
                ?::int8[], ?::int8[])
            ON CONFLICT (day, camera_id, model_sha256, class_id) DO UPDATE SET
                class_name = coalesce(EXCLUDED.class_name, d.class_name),
                frames = d.frames + EXCLUDED.frames,
                frames_with_defect = d.frames_with_defect + EXCLUDED.frames_with_defect,
                regions = d.regions + EXCLUDED.regions,
                total_area_pixels = d.total_area_pixels + EXCLUDED.total_area_pixels
            """;

    private record Key(LocalDate day, String camera, String model, int classId) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = day.compareTo(o.day);
            c = c != 0 ? c : camera.compareTo(o.camera);
            c = c != 0 ? c : model.compareTo(o.model);
            return c != 0 ? c : Integer.compare(classId, o.classId);
        }
    }

    private static final class Sums {
        String className;
        long frames;
        long framesWithDefect;
        long regions;
        long area;

        boolean isZero() {
            return frames == 0 && framesWithDefect == 0 && regions == 0 && area == 0;
        }
    }

    // sorted: every writer updates the rows in the same order, so two transactions never deadlock on them
    private final Map<Key, Sums> sums = new TreeMap<>();

    /** Adds the class rows of a stored result, and the frame under {@link #ALL_CLASSES}. */
    void add(InspectionResult r) {
        int regions = 0;
        long area = 0;
        for (ClassResult c : r.classes()) {
            change(r.capturedAt(), r.cameraId(), r.model().sha256(), c.classId(), c.className(), c.totalRegions(),
                    c.totalAreaPixels(), +1);
            regions += c.totalRegions();
            area += c.totalAreaPixels();
        }
        change(r.capturedAt(), r.cameraId(), r.model().sha256(), ALL_CLASSES, null, regions, area, +1);
    }

    /** Subtracts the {@link #ALL_CLASSES} row of a replaced image (its classes' sums). */
    void subtractImage(Instant capturedAt, String camera, String modelSha256, int totalRegions, long area) {
        change(capturedAt, camera, modelSha256, ALL_CLASSES, null, totalRegions, area, -1);
    }

    /** Subtracts one class row that a replaced result had stored. */
    void subtract(Instant capturedAt, String camera, String modelSha256, int classId, int totalRegions, long area) {
        change(capturedAt, camera, modelSha256, classId, null, totalRegions, area, -1);
    }

    /** Writes the changes (in the caller's transaction). */
    void write(JdbcTemplate jdbc) {
        sums.values().removeIf(Sums::isZero);
        if (sums.isEmpty()) {
            return;
        }
        int n = sums.size();
        String[] day = new String[n];
        String[] camera = new String[n];
        String[] model = new String[n];
        Integer[] classId = new Integer[n];
        String[] name = new String[n];
        Long[] frames = new Long[n];
        Long[] defective = new Long[n];
        Long[] regions = new Long[n];
        Long[] area = new Long[n];
        int k = 0;
        for (Map.Entry<Key, Sums> e : sums.entrySet()) {
            day[k] = e.getKey().day().toString();
            camera[k] = e.getKey().camera();
            model[k] = e.getKey().model();
            classId[k] = e.getKey().classId();
            name[k] = e.getValue().className;
            frames[k] = e.getValue().frames;
            defective[k] = e.getValue().framesWithDefect;
            regions[k] = e.getValue().regions;
            area[k] = e.getValue().area;
            k++;
        }
        jdbc.update(UPSERT, ps -> {
            Connection c = ps.getConnection();
            ps.setArray(1, c.createArrayOf("varchar", day));
            ps.setArray(2, c.createArrayOf("varchar", camera));
            ps.setArray(3, c.createArrayOf("varchar", model));
            ps.setArray(4, c.createArrayOf("int4", classId));
            ps.setArray(5, c.createArrayOf("varchar", name));
            ps.setArray(6, c.createArrayOf("int8", frames));
            ps.setArray(7, c.createArrayOf("int8", defective));
            ps.setArray(8, c.createArrayOf("int8", regions));
            ps.setArray(9, c.createArrayOf("int8", area));
        });
        sums.clear();
    }

    private void change(Instant capturedAt, String camera, String modelSha256, int classId, String className,
            int totalRegions, long area, int sign) {
        Key key = new Key(LocalDate.ofInstant(capturedAt, ZoneOffset.UTC), camera == null ? "" : camera,
                modelSha256 == null ? "" : modelSha256.strip(), classId);
        Sums s = sums.computeIfAbsent(key, x -> new Sums());
        if (className != null) {
            s.className = className;
        }
        s.frames += sign;
        s.framesWithDefect += totalRegions > 0 ? sign : 0;
        s.regions += (long) sign * totalRegions;
        s.area += sign * area;
    }
}
