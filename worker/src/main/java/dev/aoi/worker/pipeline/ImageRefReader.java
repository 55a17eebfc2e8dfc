package dev.aoi.worker.pipeline;

import dev.aoi.common.DeadLetters.Reason;
import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.EventFormatException;
import dev.aoi.common.event.ImageRef;

/** Reads an {@code aoi.images} record value: a valid {@link ImageRef}, or the dead-letter reason why not (docs/bad-input.md). */
public final class ImageRefReader {

    private static final String ID_FIELD = "img_unique_id";

    private final EventCodec codec;

    public ImageRefReader(EventCodec codec) {
        this.codec = codec;
    }

    /** What a record turned out to be. */
    public sealed interface Read permits Valid, Poison {
    }

    /** A well-formed reference, ready to inspect. */
    public record Valid(ImageRef ref) implements Read {
    }

    /** A record that can never be processed, with the reason and a message naming what is wrong. */
    public record Poison(Reason reason, String detail) implements Read {
    }

    /** Never throws: every possible byte sequence is either valid or poison. */
    public Read read(byte[] value) {
        try {
            return new Valid(codec.decodeImageRef(value));
        } catch (EventFormatException e) {
            return new Poison(reasonFor(e), e.getMessage());
        }
    }

    /**
     * UNSUPPORTED_SCHEMA_VERSION for a version this code does not read, MALFORMED_RECORD for a key written twice,
     * MISSING_FIELD when a required field is absent (or null/blank), BAD_ID when the image id is present but breaks
     * the id rules (wrong characters, length or type), MALFORMED_RECORD for everything else (not JSON, wrong shape).
     */
    static Reason reasonFor(EventFormatException e) {
        if (e.isUnsupportedVersion()) {
            return Reason.UNSUPPORTED_SCHEMA_VERSION;
        }
        if (e.isDuplicateKey()) {
            return Reason.MALFORMED_RECORD;
        }
        if (e.isMissingField()) {
            return Reason.MISSING_FIELD;
        }
        boolean aboutId = ID_FIELD.equals(e.field())
                || (e.getMessage() != null && e.getMessage().contains(ID_FIELD));
        return aboutId ? Reason.BAD_ID : Reason.MALFORMED_RECORD;
    }
}
