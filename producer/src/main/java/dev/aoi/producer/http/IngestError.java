package dev.aoi.producer.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aoi.common.event.EventFormatException;
import java.util.List;

/** The body of every 4xx/5xx answer: what is wrong, and which field (or {@code null} when not one field). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IngestError(String error, String field) {

    private static final List<String> FIELDS = List.of("schema_version", "img_unique_id", "image_uri", "camera_id",
            "captured_at", "attributes", "file");

    /** An error naming the field the codec or a record constructor complained about. */
    public static IngestError of(RuntimeException e) {
        String field = e instanceof EventFormatException f ? f.field() : null;
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (field == null) {
            field = mentionedField(message);
        }
        return new IngestError(message, field);
    }

    /** The first contract field name the message mentions, or null. */
    static String mentionedField(String message) {
        int best = Integer.MAX_VALUE;
        String found = null;
        for (String f : FIELDS) {
            int at = message.indexOf(f);
            if (at >= 0 && at < best) {
                best = at;
                found = f;
            }
        }
        return found;
    }
}
