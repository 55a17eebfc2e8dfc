package dev.aoi.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Pattern;

/** Which model produced a result: its name and the SHA-256 of its ONNX file (docs/model.md). */
public record ModelInfo(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String sha256) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ModelInfo {
        Fields.requireText(name, "model.name");
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("model.sha256 must be 64 lower-case hex digits, got " + sha256);
        }
    }
}
