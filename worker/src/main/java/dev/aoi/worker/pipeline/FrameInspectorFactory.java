package dev.aoi.worker.pipeline;

import dev.aoi.worker.WorkerProperties;
import dev.aoi.worker.inspect.FrameInspector;

/**
 * The one place that builds the real {@link FrameInspector} from the worker's settings.
 *
 * <p>MERGE POINT: the inspect branch provides the implementation, built from
 * {@code InspectorSettings(allowedRoots, maxPixels, outputRoot, classMapPng, overlay, third, minAreaPixels,
 * batchSize, workerId, device, decodeThreads)} and the model path; replace the body of {@link #create} with
 * that construction (the mapping is spelled out in the comment inside).
 */
final class FrameInspectorFactory {

    private FrameInspectorFactory() {
    }

    static FrameInspector create(WorkerProperties worker) {
        if (worker.model() == null) {
            throw new IllegalStateException("no model configured: set aoi.worker.model (env AOI_WORKER_MODEL)"
                    + " to the ONNX file to inspect with");
        }
        /*
         * return new <RealFrameInspector>(new InspectorSettings(
         *         worker.allowedRoots(), worker.maxPixels(), worker.outputRoot(),
         *         worker.resultImages().classMapPng(), worker.resultImages().overlay(), worker.resultImages().third(),
         *         worker.minAreaPixels(), worker.batchSize(), worker.workerId(),
         *         worker.device().name().toLowerCase(java.util.Locale.ROOT), worker.decodeThreads()),
         *         worker.model());
         */
        throw new IllegalStateException("this build has no model inspector (dev.aoi.worker.inspect is a placeholder);"
                + " build the worker from a branch that includes the inspect module");
    }
}
