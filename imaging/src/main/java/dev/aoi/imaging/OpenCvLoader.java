package dev.aoi.imaging;

/** Loads OpenCV's native library from the openpnp jar, once per JVM. */
public final class OpenCvLoader {

    private static volatile boolean loaded;

    private OpenCvLoader() {
    }

    /** Loads the library on the first call (about a second); later calls return at once. */
    public static void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (OpenCvLoader.class) {
            if (loaded) {
                return;
            }
            try {
                nu.pattern.OpenCV.loadLocally();
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException("could not load OpenCV's native library from the "
                        + "org.openpnp:opencv jar: check that this JVM's OS/architecture is one the jar ships "
                        + "and that java.io.tmpdir is writable (" + e.getMessage() + ")", e);
            }
            loaded = true;
        }
    }
}
