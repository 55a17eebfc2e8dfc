package dev.aoi.console.testing;

import dev.aoi.common.event.InspectionResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Variations of a synthetic result: another capture time, camera, attributes or files. */
public final class Results {

    private Results() {
    }

    public static InspectionResult with(InspectionResult r, Instant capturedAt, String cameraId,
            Map<String, String> attributes) {
        return new InspectionResult(r.schemaVersion(), r.imgUniqueId(), r.imageUri(), cameraId, capturedAt,
                attributes, r.imageWidth(), r.imageHeight(), r.processedAt(), r.processingTimeSeconds(), r.workerId(),
                r.model(), r.resultImages(), r.classes());
    }

    public static InspectionResult withFiles(InspectionResult r, String imageUri, List<String> resultImages) {
        return new InspectionResult(r.schemaVersion(), r.imgUniqueId(), imageUri, r.cameraId(), r.capturedAt(),
                r.attributes(), r.imageWidth(), r.imageHeight(), r.processedAt(), r.processingTimeSeconds(),
                r.workerId(), r.model(), resultImages, r.classes());
    }

    public static long regions(InspectionResult r) {
        return r.classes().stream().mapToLong(c -> c.regions().size()).sum();
    }

    public static long regionsOf(InspectionResult r, int classId) {
        return r.classes().stream().filter(c -> c.classId() == classId).mapToLong(c -> c.regions().size()).sum();
    }
}
