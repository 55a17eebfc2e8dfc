package dev.aoi.console.images;

import dev.aoi.console.query.QueryParameters;
import dev.aoi.console.query.TimeRange;
import java.util.Map;
import java.util.Set;

/**
 * The frames list's filters. {@code classId} keeps frames with at least {@code minRegions} (default 1) regions of
 * that class; without a class, {@code minRegions} counts all the frame's regions.
 */
public record ImageFilter(TimeRange range, String cameraId, String modelSha256, Integer classId, Integer minRegions,
        Map<String, String> attributes) {

    /** The query parameters this filter reads (besides {@code attr.*}). */
    public static final Set<String> PARAMETERS =
            Set.of("from", "to", "camera_id", "model_sha256", "class_id", "min_regions");

    public ImageFilter {
        attributes = Map.copyOf(attributes);
    }

    /** No filter: every frame. */
    public static ImageFilter none() {
        return new ImageFilter(new TimeRange(null, null), null, null, null, null, Map.of());
    }

    /** The filter of a request's query parameters; a bad value is a 400 that names its parameter. */
    public static ImageFilter from(QueryParameters p) {
        return new ImageFilter(p.range(), p.string("camera_id"), p.sha256("model_sha256"),
                p.integer("class_id", 1, 1000), p.integer("min_regions", 0, Integer.MAX_VALUE), p.attributes());
    }
}
