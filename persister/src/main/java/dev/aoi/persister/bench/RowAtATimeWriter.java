package dev.aoi.persister.bench;

import dev.aoi.common.ImageIds;
import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.common.event.RegionResult;
import dev.aoi.persister.write.CopyRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The baseline an ORM gives: one transaction per image, one statement per row, each sent and answered on its
 * own. Upserts like the real writer, but without deleting stale regions: it is only here to be timed.
 */
final class RowAtATimeWriter {

    private static final String IMAGE = """
            INSERT INTO images (img_unique_id, image_width, image_height, processing_time_seconds, "timestamp",
                input_image_path, result_image_1_path, result_image_2_path, result_image_3_path, captured_at,
                processed_at, model_name, model_sha256, worker_id, camera_id, attributes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (img_unique_id, captured_at) DO UPDATE SET processed_at = EXCLUDED.processed_at""";
    private static final String CLASS = """
            INSERT INTO classes (class_unique_id, img_unique_id, class_id, class_name, total_regions, total_area_pixels,
                captured_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (class_unique_id, captured_at) DO UPDATE SET total_regions = EXCLUDED.total_regions,
                total_area_pixels = EXCLUDED.total_area_pixels""";
    private static final String REGION = """
            INSERT INTO regions (region_unique_id, class_unique_id, img_unique_id, region_id, centroid_x, centroid_y,
                bbox_x, bbox_y, bbox_width, bbox_height, area_pixels, perimeter, major_axis, minor_axis, circularity,
                aspect_ratio, captured_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (region_unique_id, captured_at) DO UPDATE SET area_pixels = EXCLUDED.area_pixels""";

    private RowAtATimeWriter() {
    }

    /** Writes each result in its own transaction; returns the rows written. */
    static long write(Connection c, List<InspectionResult> results) throws SQLException {
        c.setAutoCommit(false);
        long rows = 0;
        try (PreparedStatement image = c.prepareStatement(IMAGE);
                PreparedStatement clazz = c.prepareStatement(CLASS);
                PreparedStatement region = c.prepareStatement(REGION)) {
            for (InspectionResult r : results) {
                int p = 1;
                image.setString(p++, r.imgUniqueId());
                image.setInt(p++, r.imageWidth());
                image.setInt(p++, r.imageHeight());
                image.setDouble(p++, r.processingTimeSeconds());
                image.setObject(p++, r.capturedAt().atOffset(ZoneOffset.UTC));
                image.setString(p++, r.imageUri());
                for (int k = 0; k < 3; k++) {
                    image.setString(p++, k < r.resultImages().size() ? r.resultImages().get(k) : null);
                }
                image.setObject(p++, r.capturedAt().atOffset(ZoneOffset.UTC));
                image.setObject(p++, r.processedAt().atOffset(ZoneOffset.UTC));
                image.setString(p++, r.model().name());
                image.setString(p++, r.model().sha256());
                image.setString(p++, r.workerId());
                image.setString(p++, r.cameraId());
                image.setString(p, CopyRows.json(r.attributes()));
                image.executeUpdate();
                rows++;
                for (ClassResult k : r.classes()) {
                    String classId = ImageIds.classUniqueId(r.imgUniqueId(), k.classId());
                    clazz.setString(1, classId);
                    clazz.setString(2, r.imgUniqueId());
                    clazz.setInt(3, k.classId());
                    clazz.setString(4, k.className());
                    clazz.setInt(5, k.totalRegions());
                    clazz.setLong(6, k.totalAreaPixels());
                    clazz.setObject(7, r.capturedAt().atOffset(ZoneOffset.UTC));
                    clazz.executeUpdate();
                    rows++;
                    for (RegionResult g : k.regions()) {
                        region.setString(1, classId + "_r" + g.regionId());
                        region.setString(2, classId);
                        region.setString(3, r.imgUniqueId());
                        region.setInt(4, g.regionId());
                        region.setDouble(5, g.centroidX());
                        region.setDouble(6, g.centroidY());
                        region.setInt(7, g.bboxX());
                        region.setInt(8, g.bboxY());
                        region.setInt(9, g.bboxWidth());
                        region.setInt(10, g.bboxHeight());
                        region.setInt(11, g.areaPixels());
                        region.setDouble(12, g.perimeter());
                        region.setDouble(13, g.majorAxis());
                        region.setDouble(14, g.minorAxis());
                        region.setDouble(15, g.circularity());
                        region.setDouble(16, g.aspectRatio());
                        region.setObject(17, r.capturedAt().atOffset(ZoneOffset.UTC));
                        region.executeUpdate();
                        rows++;
                    }
                }
                c.commit();
            }
        } finally {
            c.setAutoCommit(true);
        }
        return rows;
    }

}
