package dev.aoi.worker.admission;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * How much memory the frames in one model run may take, and what one frame costs (docs/security.md, "Memory").
 *
 * <p>A frame costs {@code bytesPerPixel} per declared pixel (decoded RGB, the float input tensor, the model's
 * scores, the class map, labels and rendering: 45–50 bytes per pixel were measured at the peak of one 64 MP frame,
 * the default of 64 leaves room for noisy frames) plus its file's bytes. The budget is either set, or derived from
 * the JVM's own limits: the heap's maximum plus the direct-memory maximum, less a reserve for the model, the Kafka
 * clients and the JVM's baseline. The deployment sets those limits to fit the container (see infra/deploy), so the
 * budget follows the container without a second number to keep in step.
 *
 * @param bytes         what the frames of one model run may cost together
 * @param bytesPerPixel cost of one declared pixel
 * @param derivation    how {@code bytes} came about, for messages
 */
public record MemoryBudget(long bytes, int bytesPerPixel, String derivation) {

    /** What a worker keeps for itself whatever the frames: the model, the clients, the JVM's baseline. */
    public static final long DEFAULT_RESERVE = 256L << 20;
    public static final int DEFAULT_BYTES_PER_PIXEL = 64;

    public MemoryBudget {
        if (bytes <= 0) {
            throw new IllegalArgumentException("the memory budget for frames must be positive, got " + bytes
                    + " bytes (" + derivation + "): give the JVM more heap or set aoi.worker.memory.budget");
        }
        if (bytesPerPixel < 1) {
            throw new IllegalArgumentException("aoi.worker.memory.bytes-per-pixel must be >= 1, got " + bytesPerPixel);
        }
    }

    /** A budget set by hand. */
    public static MemoryBudget of(long bytes, int bytesPerPixel) {
        return new MemoryBudget(bytes, bytesPerPixel, "aoi.worker.memory.budget");
    }

    /** Heap maximum + direct-memory maximum − reserve (JVM rule: no MaxDirectMemorySize means the heap's maximum). */
    public static MemoryBudget derive(long heapMax, long directMax, long reserve, int bytesPerPixel) {
        return new MemoryBudget(heapMax + directMax - reserve, bytesPerPixel, "heap max " + mib(heapMax)
                + " + direct max " + mib(directMax) + " - reserve " + mib(reserve));
    }

    /** The budget of this JVM: {@code configured} when positive, else derived from its heap and direct limits. */
    public static MemoryBudget forThisJvm(long configured, long reserve, int bytesPerPixel) {
        if (configured > 0) {
            return of(configured, bytesPerPixel);
        }
        long heap = Runtime.getRuntime().maxMemory();
        return derive(heap, maxDirectMemory(heap), reserve, bytesPerPixel);
    }

    /** {@code -XX:MaxDirectMemorySize}, or the heap's maximum when it is not set (what the JVM then allows). */
    static long maxDirectMemory(long heapMax) {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long set = Long.parseLong(hotspot.getVMOption("MaxDirectMemorySize").getValue());
            return set > 0 ? set : heapMax;
        } catch (RuntimeException e) { // not a HotSpot JVM: assume its default
            return heapMax;
        }
    }

    /** What a frame of {@code pixels} declared pixels in a file of {@code fileBytes} bytes costs. */
    public long costOf(long pixels, long fileBytes) {
        return Math.multiplyExact(pixels, (long) bytesPerPixel) + Math.max(0, fileBytes);
    }

    /** True when a frame of this cost can run at all (alone). */
    public boolean admits(long cost) {
        return cost <= bytes;
    }

    /** The most pixels one frame may declare to run at all (with a small file). */
    public long maxPixels() {
        return bytes / bytesPerPixel;
    }

    @Override
    public String toString() {
        return mib(bytes) + " (" + derivation + "; " + bytesPerPixel + " bytes per pixel)";
    }

    static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
