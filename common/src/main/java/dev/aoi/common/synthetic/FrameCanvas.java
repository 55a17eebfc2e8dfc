package dev.aoi.common.synthetic;

import java.util.SplittableRandom;

/** Pixel buffers and the seeded noise fields of one frame. */
final class FrameCanvas {
    private static final int CELL = 48;

    final int width;
    final int height;
    final int[] rgb;
    final byte[] mask;
    final byte[] material;
    final float[] rowStreak;
    private final float[] lattice;
    private final int latticeWidth;
    private final int hashSeed;
    private final float lightX;
    private final float lightY;
    private final float falloff;
    private final float invDiag2;

    FrameCanvas(int width, int height, long seed, SplittableRandom rnd) {
        this.width = width;
        this.height = height;
        this.rgb = new int[width * height];
        this.mask = new byte[width * height];
        this.material = new byte[width * height];
        this.latticeWidth = width / CELL + 2;
        int latticeHeight = height / CELL + 2;
        this.lattice = new float[latticeWidth * latticeHeight];
        for (int i = 0; i < lattice.length; i++) {
            lattice[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        this.rowStreak = new float[height];
        float streak = 0;
        for (int y = 0; y < height; y++) {
            streak = 0.9f * streak + 0.1f * (float) (rnd.nextDouble() * 2 - 1) * 3;
            rowStreak[y] = streak;
        }
        this.hashSeed = (int) (seed ^ (seed >>> 32));
        this.lightX = (float) (width * (0.3 + 0.4 * rnd.nextDouble()));
        this.lightY = (float) (height * (0.3 + 0.4 * rnd.nextDouble()));
        this.falloff = (float) (0.18 + 0.12 * rnd.nextDouble());
        this.invDiag2 = 1f / ((float) width * width + (float) height * height) * 4;
    }

    /** Gentle radial falloff of the ring light, about 1.05 at its centre down to ~0.8 in the far corner. */
    float illumination(int x, int y) {
        float dx = x - lightX;
        float dy = y - lightY;
        return 1.05f - falloff * (dx * dx + dy * dy) * invDiag2;
    }

    /** Smooth value noise in [-1, 1] on a 48-px lattice, bilinear. */
    float texture(int x, int y) {
        int gx = (x / CELL) % (latticeWidth - 1);
        int gy = (y / CELL) % (lattice.length / latticeWidth - 1);
        float fx = (x % CELL) / (float) CELL;
        float fy = (y % CELL) / (float) CELL;
        int i = gy * latticeWidth + gx;
        float top = lattice[i] + (lattice[i + 1] - lattice[i]) * fx;
        float bottom = lattice[i + latticeWidth] + (lattice[i + latticeWidth + 1] - lattice[i + latticeWidth]) * fx;
        return top + (bottom - top) * fy;
    }

    /** Per-pixel sensor grain in [-1, 1] from an integer hash. */
    float grain(int x, int y) {
        int h = x * 0x27D4EB2D ^ y * 0x165667B1 ^ hashSeed;
        h ^= h >>> 15;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return ((h & 0xFFFF) - 32768) / 32768f;
    }

    /** Sets {@code value} on the pixels within {@code r} of the segment (x0, y0)-(x1, y1). */
    void fillCapsule(byte[] target, double x0, double y0, double x1, double y1, double r, byte value) {
        int minX = Math.max(0, (int) Math.floor(Math.min(x0, x1) - r));
        int maxX = Math.min(width - 1, (int) Math.ceil(Math.max(x0, x1) + r));
        int minY = Math.max(0, (int) Math.floor(Math.min(y0, y1) - r));
        int maxY = Math.min(height - 1, (int) Math.ceil(Math.max(y0, y1) + r));
        double vx = x1 - x0;
        double vy = y1 - y0;
        double len2 = vx * vx + vy * vy;
        double r2 = r * r;
        for (int y = minY; y <= maxY; y++) {
            int row = y * width;
            // only the part of the segment within r of this row can reach it: a superset of the row's pixels,
            // tested exactly below (a diagonal's bounding box would be mostly empty)
            double t0 = 0;
            double t1 = 1;
            if (vy != 0) {
                double a = (y - r - y0) / vy;
                double b = (y + r - y0) / vy;
                t0 = Math.max(0, Math.min(a, b));
                t1 = Math.min(1, Math.max(a, b));
                if (t0 > t1) {
                    continue;
                }
            }
            int fromX = Math.max(minX, (int) Math.floor(Math.min(x0 + t0 * vx, x0 + t1 * vx) - r));
            int toX = Math.min(maxX, (int) Math.ceil(Math.max(x0 + t0 * vx, x0 + t1 * vx) + r));
            for (int x = fromX; x <= toX; x++) {
                double px = x - x0;
                double py = y - y0;
                double t = len2 == 0 ? 0 : (px * vx + py * vy) / len2;
                t = t < 0 ? 0 : (t > 1 ? 1 : t);
                double ex = px - t * vx;
                double ey = py - t * vy;
                if (ex * ex + ey * ey <= r2) {
                    target[row + x] = value;
                }
            }
        }
    }

    void fillDisc(byte[] target, int cx, int cy, int r, byte value) {
        fillCapsule(target, cx, cy, cx, cy, r, value);
    }

    void fillRect(byte[] target, int x, int y, int w, int h, byte value) {
        for (int yy = Math.max(0, y); yy < Math.min(height, y + h); yy++) {
            int row = yy * width;
            for (int xx = Math.max(0, x); xx < Math.min(width, x + w); xx++) {
                target[row + xx] = value;
            }
        }
    }
}
