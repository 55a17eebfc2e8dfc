package dev.aoi.worker.pipeline;

import dev.aoi.common.event.ImageRef;
import dev.aoi.imaging.FrameDecoder;
import dev.aoi.worker.WorkerProperties;
import dev.aoi.worker.admission.CrashGuard;
import dev.aoi.worker.admission.FrameSizer;
import dev.aoi.worker.admission.MemoryBudget;
import dev.aoi.worker.decode.ImageSource;
import dev.aoi.worker.inspect.FrameInspector;
import dev.aoi.worker.inspect.FrameOutcome;
import dev.aoi.worker.inspect.StageTimer;
import java.nio.file.Files;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that builds the real inspector from the worker's settings and hands it to the pipeline. */
final class FrameInspectorFactory {

    private static final Logger log = LoggerFactory.getLogger(FrameInspectorFactory.class);

    private FrameInspectorFactory() {
    }

    /** Loads and checks the model (a bad model fails the start, saying why) and owns it. */
    static BatchInspector create(WorkerProperties worker) {
        return create(worker, StageTimer.NONE);
    }

    /** As {@link #create(WorkerProperties)}, telling {@code timer} how long each stage of each frame took. */
    static BatchInspector create(WorkerProperties worker, StageTimer timer) {
        if (worker.model() == null) {
            throw new IllegalStateException("no model configured: set aoi.worker.model (env AOI_WORKER_MODEL)"
                    + " to the ONNX file to inspect with");
        }
        if (!Files.isRegularFile(worker.model())) {
            throw new IllegalStateException("model file " + worker.model().toAbsolutePath() + " does not exist:"
                    + " check aoi.worker.model (env AOI_WORKER_MODEL)");
        }
        BatchInspector inspector = adapt(FrameInspector.open(worker.model(), worker.inspectorSettings(), worker.intraOpThreads(),
                timer));
        return admitting(inspector, worker);
    }

    /** {@code inspector} behind the worker's memory budget and crash guard (docs/security.md). */
    static BatchInspector admitting(BatchInspector inspector, WorkerProperties worker) {
        MemoryBudget budget = MemoryBudget.forThisJvm(worker.memory().budget().toBytes(),
                worker.memory().reserve().toBytes(), worker.memory().bytesPerPixel());
        ImageSource source = new ImageSource(worker.allowedRoots(), new FrameDecoder(worker.maxPixels()).maxFileBytes());
        FrameSizer sizer = new FrameSizer(source);
        CrashGuard guard = new CrashGuard(worker.crashGuard().dir(), worker.crashGuard().maxKills());
        log.info("Memory budget for frames: {}; frames up to about {} pixels run, larger ones are dead-lettered;"
                + " crash guard markers in {}", budget, budget.maxPixels(), guard.dir().toAbsolutePath());
        return new AdmittingInspector(inspector, budget, sizer::size, guard);
    }

    /** The inspector as the pipeline sees it; closing it unloads the model. */
    static BatchInspector adapt(FrameInspector inspector) {
        return new BatchInspector() {
            @Override
            public List<FrameOutcome> inspect(List<ImageRef> refs) {
                return inspector.inspect(refs);
            }

            @Override
            public void close() {
                inspector.close();
            }

            @Override
            public String toString() {
                return "model " + inspector.model().name() + " (sha256 " + inspector.model().sha256().substring(0, 12)
                        + "…)";
            }
        };
    }
}
