package dev.aoi.common;

/** Header names and reasons carried by every record on a {@code .DLT} topic (docs/bad-input.md). */
public final class DeadLetters {

    /** Machine-readable reason, one of {@link Reason}. */
    public static final String REASON = "aoi-dlt-reason";
    /** Human-readable explanation: what was wrong with which record. */
    public static final String DETAIL = "aoi-dlt-detail";
    public static final String SOURCE_TOPIC = "aoi-dlt-source-topic";
    public static final String SOURCE_PARTITION = "aoi-dlt-source-partition";
    public static final String SOURCE_OFFSET = "aoi-dlt-source-offset";
    /** Id of the worker or persister instance that gave up on the record. */
    public static final String SERVICE_INSTANCE = "aoi-dlt-instance";
    /** When it was dead-lettered (ISO-8601 UTC). */
    public static final String TIMESTAMP = "aoi-dlt-timestamp";

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
