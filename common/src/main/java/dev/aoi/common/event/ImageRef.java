package dev.aoi.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aoi.common.ImageIds;
import java.time.Instant;
import java.util.Map;

/** A new frame to inspect: a reference to the file, never the pixels (docs/events.md, topic {@code aoi.images}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageRef(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String imgUniqueId,
        @JsonProperty(required = true) String imageUri,
        String cameraId,
        @JsonProperty(required = true) Instant capturedAt,
        Map<String, String> attributes) {

    /** The only schema version this code writes and reads; a record of another is refused (docs/security.md). */
    public static final int SCHEMA_VERSION = FieldRules.SCHEMA_VERSION;

    public ImageRef {
        FieldRules.requireKnownSchemaVersion(schemaVersion);
        ImageIds.requireValid(imgUniqueId);
        Fields.requireText(imageUri, "image_uri");
        FieldRules.requireStorable(imageUri, "image_uri", FieldRules.MAX_IMAGE_URI_CHARS);
        FieldRules.requireName(cameraId, "camera_id", FieldRules.MAX_CAMERA_ID_CHARS);
        Fields.requirePresent(capturedAt, "captured_at");
        attributes = Fields.copyAttributes(attributes);
        FieldRules.requireStorableAttributes(attributes);
    }

    /** A version-1 reference with no camera and no attributes. */
    public static ImageRef of(String imgUniqueId, String imageUri, Instant capturedAt) {
        return new ImageRef(SCHEMA_VERSION, imgUniqueId, imageUri, null, capturedAt, Map.of());
    }

    public ImageRef withCamera(String camera) {
        return new ImageRef(schemaVersion, imgUniqueId, imageUri, camera, capturedAt, attributes);
    }

    public ImageRef withAttributes(Map<String, String> attrs) {
        return new ImageRef(schemaVersion, imgUniqueId, imageUri, cameraId, capturedAt, attrs);
    }
}
