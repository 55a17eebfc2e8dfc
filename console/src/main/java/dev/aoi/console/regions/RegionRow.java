package dev.aoi.console.regions;

import java.time.Instant;

/** One region with its measurements (docs/measurement.md), its class, and its frame's capture time and camera. */
public record RegionRow(String regionUniqueId, String imgUniqueId, Instant capturedAt, String cameraId, int classId,
        String className, int regionId, Double centroidX, Double centroidY, Integer bboxX, Integer bboxY,
        Integer bboxWidth, Integer bboxHeight, Integer areaPixels, Double perimeter, Double majorAxis,
        Double minorAxis, Double circularity, Double aspectRatio) {
}
