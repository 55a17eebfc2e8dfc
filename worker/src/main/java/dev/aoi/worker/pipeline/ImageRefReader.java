package dev.aoi.worker.pipeline;

import dev.aoi.common.DeadLetters.Reason;
import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.EventFormatException;
import dev.aoi.common.event.ImageRef;

/** Reads an {@code aoi.images} record value: a valid {@link ImageRef}, or the dead-letter reason why not (docs/bad-input.md). */
public final class ImageRefReader {

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
            return new Poison(e.deadLetterReason(), e.getMessage());
        }
    }
}
