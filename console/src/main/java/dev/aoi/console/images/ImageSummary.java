package dev.aoi.console.images;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A frame as the frames list shows it: its row and its per-class counts. */
public record ImageSummary(String imgUniqueId, Instant capturedAt, String cameraId, String modelName,
        String modelSha256, String workerId, Integer imageWidth, Integer imageHeight, Double processingTimeSeconds,
        Instant processedAt, Map<String, String> attributes, long totalRegions, List<ClassCount> classes) {

    public ImageSummary {
        attributes = attributes == null ? Map.of() : attributes;
        classes = List.copyOf(classes);
    }
}
