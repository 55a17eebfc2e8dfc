package dev.aoi.console.regions;

import dev.aoi.console.csv.CsvColumns;

/** The CSV columns of a region list (the JSON field names). */
public final class RegionCsv {

    public static final CsvColumns<RegionRow> COLUMNS = new CsvColumns<RegionRow>()
            .column("region_unique_id", RegionRow::regionUniqueId)
            .column("img_unique_id", RegionRow::imgUniqueId)
            .column("captured_at", RegionRow::capturedAt)
            .column("camera_id", RegionRow::cameraId)
            .column("class_id", RegionRow::classId)
            .column("class_name", RegionRow::className)
            .column("region_id", RegionRow::regionId)
            .column("centroid_x", RegionRow::centroidX)
            .column("centroid_y", RegionRow::centroidY)
            .column("bbox_x", RegionRow::bboxX)
            .column("bbox_y", RegionRow::bboxY)
            .column("bbox_width", RegionRow::bboxWidth)
            .column("bbox_height", RegionRow::bboxHeight)
            .column("area_pixels", RegionRow::areaPixels)
            .column("perimeter", RegionRow::perimeter)
            .column("major_axis", RegionRow::majorAxis)
            .column("minor_axis", RegionRow::minorAxis)
            .column("circularity", RegionRow::circularity)
            .column("aspect_ratio", RegionRow::aspectRatio);

    private RegionCsv() {
    }
}
