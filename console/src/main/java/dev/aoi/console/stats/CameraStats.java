package dev.aoi.console.stats;

/** One camera over a range: frames, frames with at least one defect, defects, and defects per frame. */
public record CameraStats(String cameraId, long frames, long framesWithDefect, long defects, double defectsPerFrame) {
}
