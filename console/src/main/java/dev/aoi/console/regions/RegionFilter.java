package dev.aoi.console.regions;

import dev.aoi.console.query.BadFilterException;
import dev.aoi.console.query.QueryParameters;
import dev.aoi.console.query.TimeRange;
import java.util.Set;

/** The regions search: capture-time range, camera, class and an area range in pixels (inclusive). */
public record RegionFilter(TimeRange range, String cameraId, Integer classId, Integer minArea, Integer maxArea) {

    /** The query parameters this filter reads. */
    public static final Set<String> PARAMETERS = Set.of("from", "to", "camera_id", "class_id", "min_area", "max_area");

    public RegionFilter {
        if (minArea != null && maxArea != null && minArea > maxArea) {
            throw new BadFilterException("max_area", "max_area (" + maxArea + ") is below min_area (" + minArea + ")");
        }
    }

    public static RegionFilter from(QueryParameters p) {
        return new RegionFilter(p.range(), p.string("camera_id"), p.integer("class_id", 1, 1000),
                p.integer("min_area", 0, Integer.MAX_VALUE), p.integer("max_area", 0, Integer.MAX_VALUE));
    }
}
