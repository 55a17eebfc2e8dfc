package dev.aoi.console.images;

/** One class of a frame: how many regions of it the model found and their total area. */
public record ClassCount(int classId, String className, int totalRegions, long totalAreaPixels) {
}
