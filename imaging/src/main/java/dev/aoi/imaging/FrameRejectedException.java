package dev.aoi.imaging;

import dev.aoi.common.DeadLetters;
import java.util.Objects;

/** A frame that can never be inspected as it is (a poison record, docs/bad-input.md): dead-letter it with {@link #reason()}. */
public class FrameRejectedException extends RuntimeException {

    private final DeadLetters.Reason reason;
    private final String detail;

    public FrameRejectedException(DeadLetters.Reason reason, String detail) {
        this(reason, detail, null);
    }

    public FrameRejectedException(DeadLetters.Reason reason, String detail, Throwable cause) {
        super(reason + ": " + detail, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    public DeadLetters.Reason reason() {
        return reason;
    }

    /** What was wrong with which image, for the dead letter's detail header. */
    public String detail() {
        return detail;
    }
}
