package dev.aoi.console.review;

/** The region a verdict is about, as it is stored when the verdict is given (copied into the review). */
public record RegionSnapshot(String regionUniqueId, String imgUniqueId, int classId, String className, int regionId,
        Integer bboxX, Integer bboxY, Integer bboxWidth, Integer bboxHeight, Integer areaPixels, String modelSha256) {
}
