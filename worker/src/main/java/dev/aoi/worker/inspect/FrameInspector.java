package dev.aoi.worker.inspect;

import dev.aoi.common.event.ImageRef;
import java.util.List;

/** Placeholder of the inspect branch's type, replaced on merge: inspects a batch of frames, one outcome per ref. */
public interface FrameInspector extends AutoCloseable {

    List<FrameOutcome> inspect(List<ImageRef> refs);
}
