package dev.aoi.persister.testing;

import dev.aoi.common.event.InspectionResult;
import java.time.Instant;

/** Variations of a result for tests: another capture time, another processing time. */
public final class Results {

    private Results() {
    }

    public static InspectionResult capturedAt(InspectionResult r, Instant capturedAt) {
        return new InspectionResult(r.schemaVersion(), r.imgUniqueId(), r.imageUri(), r.cameraId(), capturedAt,
                r.attributes(), r.imageWidth(), r.imageHeight(), r.processedAt(), r.processingTimeSeconds(),
                r.workerId(), r.model(), r.resultImages(), r.classes(), r.sourceOffset());
    }

    public static InspectionResult resultImages(InspectionResult r, java.util.List<String> images) {
        return new InspectionResult(r.schemaVersion(), r.imgUniqueId(), r.imageUri(), r.cameraId(), r.capturedAt(),
                r.attributes(), r.imageWidth(), r.imageHeight(), r.processedAt(), r.processingTimeSeconds(),
                r.workerId(), r.model(), images, r.classes(), r.sourceOffset());
    }
}
