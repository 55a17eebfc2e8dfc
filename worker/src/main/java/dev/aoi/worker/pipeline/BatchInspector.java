package dev.aoi.worker.pipeline;

import dev.aoi.common.event.ImageRef;
import dev.aoi.worker.inspect.FrameOutcome;
import java.util.List;

/**
 * The pipeline's view of the model: one outcome per ref, in order. Poison comes back as
 * {@link FrameOutcome.Rejected}; a fault that may pass is thrown (the whole batch is retried) or, per frame,
 * returned as {@link FrameOutcome.Unavailable} (that frame is retried). Production wraps the inspect module's inspector
 * ({@link FrameInspectorFactory}); tests use a stand-in.
 */
public interface BatchInspector extends AutoCloseable {

    List<FrameOutcome> inspect(List<ImageRef> refs);
}
