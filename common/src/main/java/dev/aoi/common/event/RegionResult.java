package dev.aoi.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One measured defect region: the fields and exact definitions of docs/measurement.md. */
public record RegionResult(
        @JsonProperty(required = true) int regionId,
        @JsonProperty(required = true) double centroidX,
        @JsonProperty(required = true) double centroidY,
        @JsonProperty(required = true) int bboxX,
        @JsonProperty(required = true) int bboxY,
        @JsonProperty(required = true) int bboxWidth,
        @JsonProperty(required = true) int bboxHeight,
        @JsonProperty(required = true) int areaPixels,
        @JsonProperty(required = true) double perimeter,
        @JsonProperty(required = true) double majorAxis,
        @JsonProperty(required = true) double minorAxis,
        @JsonProperty(required = true) double circularity,
        @JsonProperty(required = true) double aspectRatio) {

    public RegionResult {
        Fields.requirePositive(regionId, "region_id");
        Fields.requireNonNegative(bboxX, "bbox_x");
        Fields.requireNonNegative(bboxY, "bbox_y");
        Fields.requirePositive(bboxWidth, "bbox_width");
        Fields.requirePositive(bboxHeight, "bbox_height");
        Fields.requirePositive(areaPixels, "area_pixels");
        Fields.requireFinite(centroidX, "centroid_x");
        Fields.requireFinite(centroidY, "centroid_y");
        Fields.requireFinite(perimeter, "perimeter");
        Fields.requireFinite(majorAxis, "major_axis");
        Fields.requireFinite(minorAxis, "minor_axis");
        Fields.requireFinite(circularity, "circularity");
        Fields.requireFinite(aspectRatio, "aspect_ratio");
    }
}
