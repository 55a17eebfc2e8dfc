package dev.aoi.worker.vision;

/** PLACEHOLDER (replaced on merge by the vision branch): loads OpenCV's native library once. */
public final class OpenCvLoader {

    private static volatile boolean loaded;

    private OpenCvLoader() {
    }

    public static synchronized void ensureLoaded() {
        if (!loaded) {
            nu.pattern.OpenCV.loadLocally();
            loaded = true;
        }
    }
}
