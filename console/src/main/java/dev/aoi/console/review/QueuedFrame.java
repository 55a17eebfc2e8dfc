package dev.aoi.console.review;

import java.time.Instant;

/** A frame in the review queue: its reported defects (of the filtered class) and how many have no verdict yet. */
public record QueuedFrame(String imgUniqueId, Instant capturedAt, String cameraId, String modelSha256, long defects,
        long unreviewed) {
}
