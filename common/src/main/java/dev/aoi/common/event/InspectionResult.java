package dev.aoi.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aoi.common.ImageIds;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a worker found in one frame (docs/events.md, topic {@code aoi.results}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InspectionResult(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String imgUniqueId,
        @JsonProperty(required = true) String imageUri,
        String cameraId,
        @JsonProperty(required = true) Instant capturedAt,
        Map<String, String> attributes,
        @JsonProperty(required = true) int imageWidth,
        @JsonProperty(required = true) int imageHeight,
        @JsonProperty(required = true) Instant processedAt,
        @JsonProperty(required = true) double processingTimeSeconds,
        @JsonProperty(required = true) String workerId,
        @JsonProperty(required = true) ModelInfo model,
        List<String> resultImages,
        @JsonProperty(required = true) List<ClassResult> classes,
        Long sourceOffset) {

    /** At most this many result images per frame (the three result-image columns). */
    public static final int MAX_RESULT_IMAGES = 3;

    /** A result without {@code source_offset} (offline inspection, workers before it existed). */
    public InspectionResult(int schemaVersion, String imgUniqueId, String imageUri, String cameraId, Instant capturedAt,
            Map<String, String> attributes, int imageWidth, int imageHeight, Instant processedAt,
            double processingTimeSeconds, String workerId, ModelInfo model, List<String> resultImages,
            List<ClassResult> classes) {
        this(schemaVersion, imgUniqueId, imageUri, cameraId, capturedAt, attributes, imageWidth, imageHeight,
                processedAt, processingTimeSeconds, workerId, model, resultImages, classes, null);
    }

    public InspectionResult {
        FieldRules.requireKnownSchemaVersion(schemaVersion);
        ImageIds.requireValid(imgUniqueId);
        Fields.requireText(imageUri, "image_uri");
        Fields.requirePresent(capturedAt, "captured_at");
        attributes = Fields.copyAttributes(attributes);
        Fields.requirePositive(imageWidth, "image_width");
        Fields.requirePositive(imageHeight, "image_height");
        Fields.requirePresent(processedAt, "processed_at");
        Fields.requireFinite(processingTimeSeconds, "processing_time_seconds");
        Fields.requireNonNegative((long) Math.ceil(processingTimeSeconds), "processing_time_seconds");
        Fields.requireText(workerId, "worker_id");
        Fields.requirePresent(model, "model");
        resultImages = Fields.copyList(resultImages, "result_images");
        if (resultImages.size() > MAX_RESULT_IMAGES) {
            throw new IllegalArgumentException("result_images holds at most " + MAX_RESULT_IMAGES
                    + " entries, got " + resultImages.size());
        }
        Fields.requirePresent(classes, "classes");
        classes = Fields.copyList(classes, "classes");
        if (sourceOffset != null && sourceOffset < 0) {
            throw new IllegalArgumentException("source_offset must be >= 0, got " + sourceOffset);
        }
        Set<Integer> seen = new HashSet<>();
        for (ClassResult c : classes) {
            if (!seen.add(c.classId())) {
                throw new IllegalArgumentException("classes lists class_id " + c.classId() + " twice");
            }
        }
    }

    /**
     * This result marked with the offset of the {@code ImageRef} record it was computed from (its partition of
     * {@code aoi.images} is fixed by the image id, the record key). A later record of the same frame (a replay of
     * images) has a larger offset, so the persister keeps its result whatever the workers' clocks say.
     */
    public InspectionResult withSourceOffset(long offset) {
        return new InspectionResult(schemaVersion, imgUniqueId, imageUri, cameraId, capturedAt, attributes, imageWidth,
                imageHeight, processedAt, processingTimeSeconds, workerId, model, resultImages, classes, offset);
    }

    /** The result for {@code ref}, carrying its image fields unchanged. */
    public static InspectionResult of(ImageRef ref, int width, int height, Instant processedAt,
            double processingTimeSeconds, String workerId, ModelInfo model, List<String> resultImages,
            List<ClassResult> classes) {
        return new InspectionResult(ImageRef.SCHEMA_VERSION, ref.imgUniqueId(), ref.imageUri(), ref.cameraId(),
                ref.capturedAt(), ref.attributes(), width, height, processedAt, processingTimeSeconds, workerId,
                model, resultImages, classes);
    }
}
