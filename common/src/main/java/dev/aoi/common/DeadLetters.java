package dev.aoi.common;

/** Header names and reasons carried by every record on a {@code .DLT} topic (docs/bad-input.md). */
public final class DeadLetters {

    /** Every header below starts with this; a re-published dead letter sheds the ones it carried. */
    public static final String PREFIX = "aoi-dlt-";
    /** Machine-readable reason, one of {@link Reason}. */
    public static final String REASON = PREFIX + "reason";
    /** Human-readable explanation: what was wrong with which record. */
    public static final String DETAIL = PREFIX + "detail";
    public static final String SOURCE_TOPIC = PREFIX + "source-topic";
    public static final String SOURCE_PARTITION = PREFIX + "source-partition";
    public static final String SOURCE_OFFSET = PREFIX + "source-offset";
    /** Id of the worker or persister instance that gave up on the record. */
    public static final String SERVICE_INSTANCE = PREFIX + "instance";
    /** When it was dead-lettered (ISO-8601 UTC). */
    public static final String TIMESTAMP = PREFIX + "timestamp";

    private DeadLetters() {
    }

    /** Why a record could not be processed. Transient faults never appear here: they are retried. */
    public enum Reason {
        MALFORMED_RECORD,
        MISSING_FIELD,
        BAD_ID,
        IMAGE_NOT_FOUND,
        OUTSIDE_ALLOWED_ROOTS,
        UNREADABLE_IMAGE,
        IMAGE_TOO_LARGE,
        INFERENCE_FAILURE,
        /** The result is larger than the results topic accepts (e.g. a frame of noise with huge region counts). */
        RESULT_TOO_LARGE,
        CONSTRAINT_VIOLATION,
        /** The record's schema_version is one this version does not read (a newer writer): refused, not guessed. */
        UNSUPPORTED_SCHEMA_VERSION,
        /** Inspecting this record killed the worker twice (docs/security.md, "Crash guard"): not tried a third time. */
        WORKER_CRASHED
    }
}
