package dev.aoi.worker.vision;

/** PLACEHOLDER (replaced on merge by the vision branch): a per-pixel class id map, row-major, one byte per pixel. */
public final class ClassMap {

    private final byte[] data;
    private final int width;
    private final int height;

    private ClassMap(byte[] data, int width, int height) {
        this.data = data;
        this.width = width;
        this.height = height;
    }

    public static ClassMap of(byte[] data, int width, int height) {
        if (data.length != width * height) {
            throw new IllegalArgumentException("class map data has " + data.length + " bytes, expected " + width * height);
        }
        return new ClassMap(data, width, height);
    }

    /** Argmax over the channels of one {@code [C,H,W]} score block, ties to the lowest channel. */
    public static ClassMap fromScores(float[] scores, int offset, int channels, int height, int width) {
        int plane = height * width;
        byte[] out = new byte[plane];
        for (int i = 0; i < plane; i++) {
            float best = scores[offset + i];
            int arg = 0;
            for (int c = 1; c < channels; c++) {
                float v = scores[offset + c * plane + i];
                if (v > best) {
                    best = v;
                    arg = c;
                }
            }
            out[i] = (byte) arg;
        }
        return new ClassMap(out, width, height);
    }

    /** Nearest-neighbour resize: destination (x, y) takes source (floor(x*W'/W), floor(y*H'/H)). */
    public ClassMap resizeNearest(int newWidth, int newHeight) {
        byte[] out = new byte[newWidth * newHeight];
        for (int y = 0; y < newHeight; y++) {
            int sy = (int) ((long) y * height / newHeight);
            for (int x = 0; x < newWidth; x++) {
                out[y * newWidth + x] = data[sy * width + (int) ((long) x * width / newWidth)];
            }
        }
        return new ClassMap(out, newWidth, newHeight);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int get(int x, int y) {
        return data[y * width + x] & 0xFF;
    }

    public byte[] data() {
        return data;
    }
}
