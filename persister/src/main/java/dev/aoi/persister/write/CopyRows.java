package dev.aoi.persister.write;

import dev.aoi.common.ImageIds;
import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.common.event.RegionResult;
import java.util.List;
import java.util.Map;

/**
 * The rows of a result in PostgreSQL's COPY text format (tab-separated, {@code \N} for null), column for column
 * as in {@link #IMAGES_COPY}, {@link #CLASSES_COPY} and {@link #REGIONS_COPY}. Shared by the writer and the COPY
 * baseline of the bench so that both send the same bytes.
 */
public final class CopyRows {

    public static final String IMAGES_COPY = "COPY images (img_unique_id, image_width, image_height,"
            + " processing_time_seconds, \"timestamp\", input_image_path, result_image_1_path, result_image_2_path,"
            + " result_image_3_path, captured_at, processed_at, model_name, model_sha256, worker_id, camera_id,"
            + " attributes, source_offset) FROM STDIN";
    public static final String CLASSES_COPY = "COPY classes (class_unique_id, img_unique_id, class_id, class_name,"
            + " total_regions, total_area_pixels, captured_at) FROM STDIN";
    public static final String REGIONS_COPY = "COPY regions (region_unique_id, class_unique_id, img_unique_id,"
            + " region_id, centroid_x, centroid_y, bbox_x, bbox_y, bbox_width, bbox_height, area_pixels, perimeter,"
            + " major_axis, minor_axis, circularity, aspect_ratio, captured_at) FROM STDIN";
    /** The seed schema's classes and regions (V1, no partition key): for the bench's baseline. */
    public static final String CLASSES_COPY_SEED = CLASSES_COPY.replace(", captured_at)", ")");
    public static final String REGIONS_COPY_SEED = REGIONS_COPY.replace(", captured_at)", ")");

    private CopyRows() {
    }

    /** One line of {@link #IMAGES_COPY}. */
    public static void appendImage(StringBuilder out, InspectionResult r) {
        text(out, r.imgUniqueId()).append('\t');
        out.append(r.imageWidth()).append('\t').append(r.imageHeight()).append('\t');
        out.append(r.processingTimeSeconds()).append('\t');
        out.append(r.capturedAt()).append('\t');
        text(out, r.imageUri()).append('\t');
        List<String> images = r.resultImages();
        for (int i = 0; i < InspectionResult.MAX_RESULT_IMAGES; i++) {
            text(out, i < images.size() ? images.get(i) : null).append('\t');
        }
        out.append(r.capturedAt()).append('\t');
        out.append(NewestPerImage.storedTime(r)).append('\t');
        text(out, r.model().name()).append('\t');
        text(out, r.model().sha256()).append('\t');
        text(out, r.workerId()).append('\t');
        text(out, r.cameraId()).append('\t');
        text(out, json(r.attributes())).append('\t');
        out.append(r.sourceOffset() == null ? "\\N" : r.sourceOffset().toString()).append('\n');
    }

    /** The lines of {@link #CLASSES_COPY} for every class of {@code r}; returns how many. */
    public static int appendClasses(StringBuilder out, InspectionResult r) {
        return appendClasses(out, r, true);
    }

    /** The lines of {@link #CLASSES_COPY} ({@link #CLASSES_COPY_SEED} without the partition key); returns how many. */
    public static int appendClasses(StringBuilder out, InspectionResult r, boolean withCapturedAt) {
        String img = r.imgUniqueId();
        String end = withCapturedAt ? "\t" + r.capturedAt() + "\n" : "\n";
        for (ClassResult c : r.classes()) {
            out.append(ImageIds.classUniqueId(img, c.classId())).append('\t');
            out.append(img).append('\t');
            out.append(c.classId()).append('\t');
            text(out, c.className()).append('\t');
            out.append(c.totalRegions()).append('\t');
            out.append(c.totalAreaPixels()).append(end);
        }
        return r.classes().size();
    }

    /** The lines of {@link #REGIONS_COPY} for every region of {@code r}; returns how many. */
    public static int appendRegions(StringBuilder out, InspectionResult r) {
        return appendRegions(out, r, true);
    }

    /** The lines of {@link #REGIONS_COPY} ({@link #REGIONS_COPY_SEED} without the partition key); returns how many. */
    public static int appendRegions(StringBuilder out, InspectionResult r, boolean withCapturedAt) {
        String img = r.imgUniqueId();
        String end = withCapturedAt ? "\t" + r.capturedAt() + "\n" : "\n";
        int n = 0;
        for (ClassResult c : r.classes()) {
            String classId = ImageIds.classUniqueId(img, c.classId());
            for (RegionResult g : c.regions()) {
                out.append(classId).append("_r").append(g.regionId()).append('\t');
                out.append(classId).append('\t');
                out.append(img).append('\t');
                out.append(g.regionId()).append('\t');
                out.append(g.centroidX()).append('\t').append(g.centroidY()).append('\t');
                out.append(g.bboxX()).append('\t').append(g.bboxY()).append('\t');
                out.append(g.bboxWidth()).append('\t').append(g.bboxHeight()).append('\t');
                out.append(g.areaPixels()).append('\t');
                out.append(g.perimeter()).append('\t');
                out.append(g.majorAxis()).append('\t').append(g.minorAxis()).append('\t');
                out.append(g.circularity()).append('\t').append(g.aspectRatio()).append(end);
                n++;
            }
        }
        return n;
    }

    /** The attributes as a JSON object (keys in the event's order). */
    public static String json(Map<String, String> attributes) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            jsonString(sb, e.getKey()).append(':');
            jsonString(sb, e.getValue());
        }
        return sb.append('}').toString();
    }

    private static StringBuilder jsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"');
    }

    /** A text field, escaped for COPY: backslash, tab, newline and carriage return; null as {@code \N}. */
    private static StringBuilder text(StringBuilder out, String s) {
        if (s == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
        return out;
    }
}
