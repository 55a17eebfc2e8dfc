package dev.aoi.imaging;

import java.util.Objects;

/**
 * A W×H map of class indices, one unsigned byte per pixel in row-major order: 0 is background, 1..C the
 * model's classes (C ≤ 254). Immutable by convention: neither the factories nor {@link #data()} copy the
 * array, so whoever hands it over or reads it must not write to it afterwards.
 */
public final class ClassMap {

    /** Channel 0 (background) plus at most 254 classes, so that every index fits an unsigned byte. */
    public static final int MAX_CHANNELS = 255;

    private final byte[] data;
    private final int width;
    private final int height;

    private ClassMap(byte[] data, int width, int height) {
        this.data = data;
        this.width = width;
        this.height = height;
    }

    /** Wraps {@code data} (row-major, {@code width·height} bytes, class index as unsigned byte) without copying it. */
    public static ClassMap of(byte[] data, int width, int height) {
        Objects.requireNonNull(data, "data");
        requireSize(width, height);
        if (data.length != (long) width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " class map needs "
                    + (long) width * height + " bytes, got " + data.length);
        }
        return new ClassMap(data, width, height);
    }

    /**
     * The class map of one image from a model's scores: the argmax over the {@code channels} planes of the
     * float block {@code [channels, height, width]} that starts at {@code offset} in {@code scores} (docs/model.md).
     * Ties go to the lowest channel index. A NaN score is treated as −∞: it never beats another score, and a
     * pixel whose scores are all NaN or −∞ is background (channel 0).
     */
    public static ClassMap fromScores(float[] scores, int offset, int channels, int height, int width) {
        Objects.requireNonNull(scores, "scores");
        requireSize(width, height);
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new IllegalArgumentException("scores need 1.." + MAX_CHANNELS + " channels, got " + channels);
        }
        int plane = width * height;
        if (offset < 0 || offset + (long) channels * plane > scores.length) {
            throw new IllegalArgumentException("a score block of " + channels + "x" + height + "x" + width
                    + " at offset " + offset + " does not fit in " + scores.length + " floats");
        }
        // Channel by channel keeps every read sequential; the running best lives in one float plane.
        float[] best = new float[plane];
        for (int i = 0; i < plane; i++) {
            float v = scores[offset + i];
            best[i] = Float.isNaN(v) ? Float.NEGATIVE_INFINITY : v;
        }
        byte[] classes = new byte[plane];
        for (int c = 1; c < channels; c++) {
            int base = offset + c * plane;
            byte index = (byte) c;
            for (int i = 0; i < plane; i++) {
                float v = scores[base + i];
                if (v > best[i]) { // false for NaN, and strict so that ties keep the lower index
                    best[i] = v;
                    classes[i] = index;
                }
            }
        }
        return new ClassMap(classes, width, height);
    }

    /**
     * This map resized with nearest neighbour: destination pixel (x, y) takes source pixel
     * (⌊x·W'/W⌋, ⌊y·H'/H⌋), in exact integer arithmetic (docs/model.md). Returns this map when the size is unchanged.
     */
    public ClassMap resizeNearest(int newWidth, int newHeight) {
        requireSize(newWidth, newHeight);
        if (newWidth == width && newHeight == height) {
            return this;
        }
        int[] sourceX = new int[newWidth];
        for (int x = 0; x < newWidth; x++) {
            sourceX[x] = (int) ((long) x * width / newWidth);
        }
        byte[] out = new byte[newWidth * newHeight];
        int previousRow = -1;
        for (int y = 0; y < newHeight; y++) {
            int sourceRow = (int) ((long) y * height / newHeight);
            int to = y * newWidth;
            if (sourceRow == previousRow) {
                System.arraycopy(out, to - newWidth, out, to, newWidth);
                continue;
            }
            int from = sourceRow * width;
            for (int x = 0; x < newWidth; x++) {
                out[to + x] = data[from + sourceX[x]];
            }
            previousRow = sourceRow;
        }
        return new ClassMap(out, newWidth, newHeight);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The class index of column {@code x}, row {@code y}. */
    public int get(int x, int y) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        return data[y * width + x] & 0xFF;
    }

    /** The backing row-major bytes (class index as unsigned byte), not a copy: do not modify them. */
    public byte[] data() {
        return data;
    }

    private static void requireSize(int width, int height) {
        if (width < 1 || height < 1 || (long) width * height > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a class map needs 1 ≤ width·height < 2^31, got "
                    + width + "x" + height);
        }
    }

    @Override
    public String toString() {
        return "ClassMap[" + width + "x" + height + "]";
    }
}
