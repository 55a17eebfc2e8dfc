package dev.aoi.console.review;

import java.time.Instant;

/**
 * One verdict, with a copy of the region as it was reviewed (class, box, area, model) so it keeps its meaning
 * after a reprocess replaces the region, and who reviewed, deleted it, when.
 */
public record Review(long id, String regionUniqueId, String imgUniqueId, int classId, String className, int regionId,
        Integer bboxX, Integer bboxY, Integer bboxWidth, Integer bboxHeight, Integer areaPixels, String modelSha256,
        String verdict, String comment, String reviewedBy, Instant reviewedAt, int version, boolean isDeleted,
        Instant deletedAt, String deletedBy) {
}
