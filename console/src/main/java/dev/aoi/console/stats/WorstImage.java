package dev.aoi.console.stats;

import java.time.Instant;

/** A frame ranked by its number of defect regions. */
public record WorstImage(String imgUniqueId, Instant capturedAt, String cameraId, String lot, long defects) {
}
