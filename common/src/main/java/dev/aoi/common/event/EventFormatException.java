package dev.aoi.common.event;

import dev.aoi.common.DeadLetters.Reason;

/** A record that is not a valid event: malformed JSON, a missing or mistyped field, or a broken rule. */
public class EventFormatException extends RuntimeException {

    private static final String ID_FIELD = "img_unique_id";
    /** Start of the message of a record that names one key twice in one object. */
    static final String DUPLICATE_KEY = "duplicate key";

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

    /** True when the record names one key twice in one object (ambiguous: refused, never read as either value). */
    public boolean isDuplicateKey() {
        return getMessage().contains(": " + DUPLICATE_KEY + " ");
    }

    /** True when the record's {@code schema_version} is one this code does not read. */
    public boolean isUnsupportedVersion() {
        return getMessage().contains(FieldRules.UNSUPPORTED_VERSION);
    }

    /**
     * The dead-letter reason of a record that fails to decode, the same for every consumer (docs/bad-input.md):
     * {@code UNSUPPORTED_SCHEMA_VERSION} for a version this code does not read; {@code MALFORMED_RECORD} for a key
     * written twice; {@code MISSING_FIELD} when a required field is absent, null or blank; {@code BAD_ID} when the
     * image id is there but breaks the id rules (characters, length, type); {@code MALFORMED_RECORD} for the rest.
     */
    public Reason deadLetterReason() {
        if (isUnsupportedVersion()) {
            return Reason.UNSUPPORTED_SCHEMA_VERSION;
        }
        if (isDuplicateKey()) {
            return Reason.MALFORMED_RECORD;
        }
        if (isMissingField()) {
            return Reason.MISSING_FIELD;
        }
        boolean aboutId = ID_FIELD.equals(field) || getMessage().contains(ID_FIELD);
        return aboutId ? Reason.BAD_ID : Reason.MALFORMED_RECORD;
    }
}
