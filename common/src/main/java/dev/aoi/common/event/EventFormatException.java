package dev.aoi.common.event;

import dev.aoi.common.DeadLetters.Reason;

/** A record that is not a valid event: malformed JSON, a missing or mistyped field, or a broken rule. */
public class EventFormatException extends RuntimeException {

    private static final String ID_FIELD = "img_unique_id";

    private final String recordType;
    private final String field;

    public EventFormatException(String recordType, String field, String message, Throwable cause) {
        super(recordType + (field == null ? "" : "." + field) + ": " + message, cause);
        this.recordType = recordType;
        this.field = field;
    }

    /** The record being read, e.g. {@code ImageRef}. */
    public String recordType() {
        return recordType;
    }

    /** The JSON path of the offending field, or {@code null} when the record as a whole is wrong. */
    public String field() {
        return field;
    }

    /** True when a required field was absent (as opposed to present but wrong). */
    public boolean isMissingField() {
        return getMessage().contains("is missing");
    }

    /**
     * The dead-letter reason of a record that fails to decode, the same for every consumer (docs/bad-input.md):
     * {@code MISSING_FIELD} when a required field is absent, null or blank; {@code BAD_ID} when the image id is there
     * but breaks the id rules (characters, length, type); {@code MALFORMED_RECORD} for everything else.
     */
    public Reason deadLetterReason() {
        if (isMissingField()) {
            return Reason.MISSING_FIELD;
        }
        boolean aboutId = ID_FIELD.equals(field) || getMessage().contains(ID_FIELD);
        return aboutId ? Reason.BAD_ID : Reason.MALFORMED_RECORD;
    }
}
