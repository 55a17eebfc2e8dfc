package dev.aoi.worker.inspect;

import dev.aoi.common.DeadLetters;
import dev.aoi.common.event.ImageRef;
import dev.aoi.common.event.InspectionResult;

/** What became of one frame: inspected, rejected for good (dead-letter it), or unavailable for now (retry it). */
public sealed interface FrameOutcome {

    String imgUniqueId();

    /** The frame was inspected; publish the result. */
    record Inspected(InspectionResult result) implements FrameOutcome {
        @Override
        public String imgUniqueId() {
            return result.imgUniqueId();
        }
    }

    /** A poison frame: it will fail the same way every time, so it goes to the dead-letter topic with the reason. */
    record Rejected(ImageRef ref, DeadLetters.Reason reason, String detail) implements FrameOutcome {
        @Override
        public String imgUniqueId() {
            return ref.imgUniqueId();
        }
    }

    /**
     * A fault that may pass (the image's disk or mount failed, the result folder could not be written): retry the
     * frame later with backoff; never dead-letter it for this alone.
     */
    record Unavailable(ImageRef ref, String detail, Throwable cause) implements FrameOutcome {
        @Override
        public String imgUniqueId() {
            return ref.imgUniqueId();
        }
    }
}
