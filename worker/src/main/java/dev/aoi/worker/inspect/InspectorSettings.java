package dev.aoi.worker.inspect;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a {@link FrameInspector} needs besides the model.
 *
 * @param allowedRoots folders images must lie under (docs/events.md {@code image_uri})
 * @param maxPixels frames whose header declares more pixels are refused undecoded (docs/model.md; default 64 MP)
 * @param outputRoot where result images go; may be {@code null} when all three are off
 * @param classMapPng write the lossless class map PNG
 * @param overlay write the class-colour overlay JPEG
 * @param defectSheet write the defect crop sheet JPEG (the third result image)
 * @param minAreaPixels regions smaller than this are dropped (docs/measurement.md; default 1)
 * @param batchSize frames per model run at most
 * @param workerId this worker's id, written into every result
 * @param device {@code auto}, {@code cuda} or {@code cpu}
 * @param decodeThreads threads that decode, measure and render around the inference thread
 */
public record InspectorSettings(List<Path> allowedRoots, long maxPixels, Path outputRoot, boolean classMapPng,
        boolean overlay, boolean defectSheet, int minAreaPixels, int batchSize, String workerId, String device,
        int decodeThreads) {

    public InspectorSettings {
        allowedRoots = List.copyOf(allowedRoots);
        if (allowedRoots.isEmpty()) {
            throw new IllegalArgumentException("allowed image roots must not be empty");
        }
        if (maxPixels <= 0 || minAreaPixels < 1 || batchSize < 1 || decodeThreads < 1) {
            throw new IllegalArgumentException("maxPixels, minAreaPixels, batchSize and decodeThreads must be positive,"
                    + " got " + maxPixels + ", " + minAreaPixels + ", " + batchSize + ", " + decodeThreads);
        }
        if (workerId == null || workerId.isBlank()) {
            throw new IllegalArgumentException("worker id must not be blank");
        }
        if ((classMapPng || overlay || defectSheet) && outputRoot == null) {
            throw new IllegalArgumentException("result images are enabled but no output root is set");
        }
    }

    /** A worker with the contract's defaults: 64 MP limit, min area 1, all result images, batches of 4, device auto. */
    public static InspectorSettings defaults(List<Path> allowedRoots, Path outputRoot, String workerId) {
        return new InspectorSettings(allowedRoots, 64_000_000L, outputRoot, outputRoot != null, outputRoot != null,
                outputRoot != null, 1, 4, workerId, "auto", Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }
}
