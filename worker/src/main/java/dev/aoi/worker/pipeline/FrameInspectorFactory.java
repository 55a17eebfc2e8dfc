package dev.aoi.worker.pipeline;

import dev.aoi.common.event.ImageRef;
import dev.aoi.worker.WorkerProperties;
import dev.aoi.worker.inspect.FrameInspector;
import dev.aoi.worker.inspect.FrameOutcome;
import java.util.List;

/**
 * The one place that builds the real inspector from the worker's settings and hands it to the pipeline.
 *
 * <p>MERGE POINT: once {@code dev.aoi.worker.inspect} is the real module, the body of {@link #create} becomes the
 * construction spelled out in the comment inside (loads and checks the model; a bad model fails the start).
 */
final class FrameInspectorFactory {

    private FrameInspectorFactory() {
    }

    static BatchInspector create(WorkerProperties worker) {
        if (worker.model() == null) {
            throw new IllegalStateException("no model configured: set aoi.worker.model (env AOI_WORKER_MODEL)"
                    + " to the ONNX file to inspect with");
        }
        /*
         * return adapt(FrameInspector.open(worker.model(), new InspectorSettings(
         *         worker.allowedRoots(), worker.maxPixels(), worker.outputRoot(),
         *         worker.resultImages().classMapPng(), worker.resultImages().overlay(),
         *         worker.resultImages().defectSheet(), worker.minAreaPixels(), worker.batchSize(),
         *         worker.workerId(), worker.device().name().toLowerCase(java.util.Locale.ROOT),
         *         worker.decodeThreads())));
         */
        throw new IllegalStateException("this build has no model inspector (dev.aoi.worker.inspect is a placeholder);"
                + " build the worker from a branch that includes the inspect module");
    }

    /** The inspector as the pipeline sees it; closing it unloads the model. */
    static BatchInspector adapt(FrameInspector inspector) {
        return new BatchInspector() {
            @Override
            public List<FrameOutcome> inspect(List<ImageRef> refs) {
                return inspector.inspect(refs);
            }

            @Override
            public void close() throws Exception {
                inspector.close();
            }

            @Override
            public String toString() {
                return inspector.getClass().getSimpleName();
            }
        };
    }
}
