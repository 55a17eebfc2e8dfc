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
 * @param decodeThreads threads that decode, measure and render around the inference thread; 0 = automatic
 *     ({@link CoreSplit}: half the cores with the model on the CPU, all of them with it on a GPU)
 */
public record InspectorSettings(List<Path> allowedRoots, long maxPixels, Path outputRoot, boolean classMapPng,
        boolean overlay, boolean defectSheet, int minAreaPixels, int batchSize, String workerId, String device,
        int decodeThreads) {

    /**
     * The inspector's rules, checked here once for every caller: the service (through {@code WorkerProperties}, which
     * puts {@code aoi.worker.} before the setting named in the message) and the command-line tools.
     */
    public InspectorSettings {
        allowedRoots = List.copyOf(allowedRoots);
        if (allowedRoots.isEmpty()) {
            throw new IllegalArgumentException("allowed-roots must name at least one folder images may come from");
        }
        atLeastOne("max-pixels", maxPixels);
        atLeastOne("min-area-pixels", minAreaPixels);
        atLeastOne("batch-size", batchSize);
        if (decodeThreads < 0) {
            throw new IllegalArgumentException("decode-threads must be >= 0 (0 = automatic), got " + decodeThreads);
        }
        if (workerId == null || workerId.isBlank()) {
            throw new IllegalArgumentException("worker-id must not be blank");
        }
        if ((classMapPng || overlay || defectSheet) && outputRoot == null) {
            throw new IllegalArgumentException("result images are enabled but no output-root is set");
        }
    }

    private static void atLeastOne(String setting, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be >= 1, got " + value);
        }
    }

    /** A worker with the contract's defaults: 64 MP limit, min area 1, all result images, batches of 4, device auto. */
    public static InspectorSettings defaults(List<Path> allowedRoots, Path outputRoot, String workerId) {
        return new InspectorSettings(allowedRoots, 64_000_000L, outputRoot, outputRoot != null, outputRoot != null,
                outputRoot != null, 1, 4, workerId, "auto", Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }
}
