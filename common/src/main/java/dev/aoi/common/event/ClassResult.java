package dev.aoi.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One class of the model for one image: its totals and its regions; present even with zero regions (docs/events.md). */
public record ClassResult(
        @JsonProperty(required = true) int classId,
        @JsonProperty(required = true) String className,
        @JsonProperty(required = true) int totalRegions,
        @JsonProperty(required = true) long totalAreaPixels,
        @JsonProperty(required = true) List<RegionResult> regions) {

    public ClassResult {
        Fields.requirePositive(classId, "class_id");
        Fields.requireText(className, "class_name");
        Fields.requireNonNegative(totalRegions, "total_regions");
        Fields.requireNonNegative(totalAreaPixels, "total_area_pixels");
        regions = Fields.copyList(regions, "regions");
        if (regions.size() != totalRegions) {
            throw new IllegalArgumentException("class " + classId + ": total_regions is " + totalRegions
                    + " but " + regions.size() + " regions are listed");
        }
        long sum = 0;
        for (RegionResult r : regions) {
            sum += r.areaPixels();
        }
        if (sum != totalAreaPixels) {
            throw new IllegalArgumentException("class " + classId + ": total_area_pixels is " + totalAreaPixels
                    + " but the regions' areas add up to " + sum);
        }
    }

    /** Builds the totals from the regions, so that they cannot disagree. */
    public static ClassResult of(int classId, String className, List<RegionResult> regions) {
        long area = 0;
        for (RegionResult r : regions) {
            area += r.areaPixels();
        }
        return new ClassResult(classId, className, regions.size(), area, regions);
    }
}
