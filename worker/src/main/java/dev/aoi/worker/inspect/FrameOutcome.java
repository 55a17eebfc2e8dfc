package dev.aoi.worker.inspect;

import dev.aoi.common.DeadLetters;
import dev.aoi.common.event.ImageRef;
import dev.aoi.common.event.InspectionResult;

/** Placeholder of the inspect branch's type, replaced on merge: what became of one frame. */
public sealed interface FrameOutcome permits FrameOutcome.Inspected, FrameOutcome.Rejected {

    /** The frame was inspected. */
    record Inspected(InspectionResult result) implements FrameOutcome {
    }

    /** The frame is poison: it goes to the dead-letter topic with this reason. */
    record Rejected(ImageRef ref, DeadLetters.Reason reason, String detail) implements FrameOutcome {
    }
}
