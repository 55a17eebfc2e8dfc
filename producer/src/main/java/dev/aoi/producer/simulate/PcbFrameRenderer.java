package dev.aoi.producer.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Renders synthetic flexible-PCB AOI frames: amber polyimide with texture and illumination falloff, copper
 * traces and pads, translucent photoresist areas, and the four defect classes with their ground-truth mask.
 *
 * <p>Same seed, same size: same bytes, on any JVM (only integer hashing, {@link SplittableRandom} and exact IEEE
 * arithmetic; trigonometry through {@link StrictMath}). Thread-safe: all state lives in one call.
 */
public final class PcbFrameRenderer {

    private static final byte POLYIMIDE = 0;
    private static final byte COPPER = 1;
    /** Bit set on top of the material where photoresist covers it. */
    private static final byte RESIST = 2;

    private final int width;
    private final int height;
    /** Sizes are drawn for 1792 px frames and scaled with the frame. */
    private final double scale;

    public PcbFrameRenderer(int width, int height) {
        if (width < 64 || height < 64) {
            throw new IllegalArgumentException("frames must be at least 64x64 pixels, got " + width + "x" + height);
        }
        if ((long) width * height > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("frames above 64 megapixels are refused by the workers; got "
                    + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.scale = Math.min(width, height) / 1792.0;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The seed of frame {@code index} of a sequence seeded with {@code sequenceSeed} (SplitMix64 mixing). */
    public static long frameSeed(long sequenceSeed, long index) {
        long z = sequenceSeed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Renders the frame of {@code seed}. */
    public SyntheticFrame render(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Canvas c = new Canvas(width, height, seed, rnd);
        List<int[]> resistAreas = layout(c, rnd);
        shade(c);
        drawDefects(c, rnd, resistAreas);
        return new SyntheticFrame(width, height, c.rgb, c.mask);
    }

    // ---------------------------------------------------------------- layout: materials only

    private List<int[]> layout(Canvas c, SplittableRandom rnd) {
        int traces = 8 + rnd.nextInt(10);
        for (int t = 0; t < traces; t++) {
            drawTrace(c, rnd);
        }
        int pads = 4 + rnd.nextInt(10);
        for (int p = 0; p < pads; p++) {
            int x = rnd.nextInt(width);
            int y = rnd.nextInt(height);
            if (rnd.nextBoolean()) {
                fillDisc(c.material, x, y, s(18 + rnd.nextInt(30)), COPPER);
            } else {
                int w = s(30 + rnd.nextInt(60));
                int h = s(30 + rnd.nextInt(60));
                fillRect(c.material, x - w / 2, y - h / 2, w, h, COPPER);
            }
        }
        List<int[]> areas = new ArrayList<>();
        int resistCount = 1 + rnd.nextInt(3);
        for (int r = 0; r < resistCount; r++) {
            int w = Math.min(width - 2, s(280 + rnd.nextInt(600)));
            int h = Math.min(height - 2, s(280 + rnd.nextInt(600)));
            int x = rnd.nextInt(Math.max(1, width - w));
            int y = rnd.nextInt(Math.max(1, height - h));
            int[] area = {x, y, w, h};
            areas.add(area);
            for (int yy = y; yy < y + h; yy++) {
                int row = yy * width;
                for (int xx = x; xx < x + w; xx++) {
                    c.material[row + xx] |= RESIST;
                }
            }
        }
        return areas;
    }

    /** A trace: a polyline of axis-aligned and 45-degree segments with round joints, sometimes ending in a pad. */
    private void drawTrace(Canvas c, SplittableRandom rnd) {
        double halfWidth = s(7 + rnd.nextInt(14));
        double x = rnd.nextInt(width);
        double y = rnd.nextInt(height);
        int dir = rnd.nextInt(4) * 2; // start axis-aligned; 8 directions in 45-degree steps
        int segments = 2 + rnd.nextInt(4);
        for (int i = 0; i < segments; i++) {
            double length = s(120 + rnd.nextInt(600));
            double dx = DIR_X[dir];
            double dy = DIR_Y[dir];
            double nx = x + dx * length;
            double ny = y + dy * length;
            fillCapsule(c.material, x, y, nx, ny, halfWidth, COPPER);
            x = nx;
            y = ny;
            dir = (dir + (rnd.nextBoolean() ? 1 : 7)) & 7;
        }
        if (rnd.nextInt(3) > 0) {
            fillDisc(c.material, (int) x, (int) y, (int) (halfWidth * (1.6 + rnd.nextDouble())), COPPER);
        }
    }

    private static final double D = Math.sqrt(0.5);
    private static final double[] DIR_X = {1, D, 0, -D, -1, -D, 0, D};
    private static final double[] DIR_Y = {0, D, 1, D, 0, -D, -1, -D};

    private void fillCapsule(byte[] target, double x0, double y0, double x1, double y1, double r, byte value) {
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

    private void fillDisc(byte[] target, int cx, int cy, int r, byte value) {
        fillCapsule(target, cx, cy, cx, cy, r, value);
    }

    private void fillRect(byte[] target, int x, int y, int w, int h, byte value) {
        for (int yy = Math.max(0, y); yy < Math.min(height, y + h); yy++) {
            int row = yy * width;
            for (int xx = Math.max(0, x); xx < Math.min(width, x + w); xx++) {
                target[row + xx] = value;
            }
        }
    }

    // ---------------------------------------------------------------- shading: materials to colour

    private void shade(Canvas c) {
        byte[] mat = c.material;
        int[] rgb = c.rgb;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            float rowStreak = c.rowStreak[y];
            for (int x = 0; x < width; x++) {
                int i = row + x;
                int m = mat[i];
                float illum = c.illumination(x, y);
                float tex = c.texture(x, y);
                float grain = c.grain(x, y);
                float r;
                float g;
                float b;
                if ((m & COPPER) != 0) {
                    float edge = isCopperEdge(mat, x, y) ? 0.78f : 1f;
                    r = (228 + 10 * tex + 5 * grain + 6 * rowStreak) * edge;
                    g = (156 + 9 * tex + 4 * grain + 5 * rowStreak) * edge;
                    b = (108 + 6 * tex + 4 * grain + 3 * rowStreak) * edge;
                } else {
                    r = 186 + 20 * tex + 7 * grain;
                    g = 108 + 14 * tex + 5 * grain;
                    b = 32 + 7 * tex + 3 * grain;
                }
                if ((m & RESIST) != 0) {
                    // translucent teal dry-film over whatever lies beneath
                    r = 0.5f * r + 0.5f * 64;
                    g = 0.5f * g + 0.5f * 150;
                    b = 0.5f * b + 0.5f * 128;
                }
                rgb[i] = pack(r * illum, g * illum, b * illum);
            }
        }
    }

    private boolean isCopperEdge(byte[] mat, int x, int y) {
        int d = 2;
        return (x >= d && (mat[y * width + x - d] & COPPER) == 0)
                || (x + d < width && (mat[y * width + x + d] & COPPER) == 0)
                || (y >= d && (mat[(y - d) * width + x] & COPPER) == 0)
                || (y + d < height && (mat[(y + d) * width + x] & COPPER) == 0);
    }

    // ---------------------------------------------------------------- defects, each with its mask

    private void drawDefects(Canvas c, SplittableRandom rnd, List<int[]> resistAreas) {
        int peelings = count(rnd);
        for (int i = 0; i < peelings; i++) {
            int[] area = resistAreas.get(rnd.nextInt(resistAreas.size()));
            drawPeeling(c, rnd, area);
        }
        int particles = count(rnd) + rnd.nextInt(3);
        for (int i = 0; i < particles; i++) {
            int[] at = findMaterial(c, rnd, POLYIMIDE);
            if (at != null) {
                drawPiParticle(c, rnd, at[0], at[1]);
            }
        }
        int nodules = count(rnd) + rnd.nextInt(2);
        for (int i = 0; i < nodules; i++) {
            int[] at = findMaterial(c, rnd, COPPER);
            if (at != null) {
                drawNodule(c, rnd, at[0], at[1]);
            }
        }
        int dust = count(rnd);
        for (int i = 0; i < dust; i++) {
            drawEnvParticle(c, rnd);
        }
    }

    /** 0..4 defects of a class per frame, rarely none, so every class shows up within a few frames. */
    private static int count(SplittableRandom rnd) {
        return rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(4);
    }

    private int[] findMaterial(Canvas c, SplittableRandom rnd, byte material) {
        int margin = s(20);
        for (int attempt = 0; attempt < 200; attempt++) {
            int x = margin + rnd.nextInt(width - 2 * margin);
            int y = margin + rnd.nextInt(height - 2 * margin);
            if (c.material[y * width + x] == material) {
                return new int[] {x, y};
            }
        }
        return null;
    }

    /** Dark, irregular, small: a particle baked into the polyimide. */
    private void drawPiParticle(Canvas c, SplittableRandom rnd, int cx, int cy) {
        double r = s(5 + rnd.nextInt(9));
        Outline outline = Outline.random(rnd, 0.22);
        int tone = 18 + rnd.nextInt(30);
        paintBlob(c, cx, cy, r, outline, DefectClass.PI_PARTICLE, (x, y, t, under) -> {
            float alpha = t < 0.8 ? 0.92f : 0.92f - (float) (t - 0.8) * 1.8f;
            float illum = c.illumination(x, y);
            float grain = 6 * c.grain(x, y);
            return blend(under, (tone + 12 + grain) * illum, (tone + 4 + grain) * illum, (tone * 0.6f + grain) * illum,
                    alpha);
        });
    }

    /** Lifted photoresist: a pale irregular flake with a dark shadow rim, straddling the edge of a resist area. */
    private void drawPeeling(Canvas c, SplittableRandom rnd, int[] area) {
        int side = rnd.nextInt(4);
        double along = 0.1 + 0.8 * rnd.nextDouble();
        double r = s(26 + rnd.nextInt(50));
        double inset = r * 0.2;
        double cx;
        double cy;
        switch (side) {
            case 0 -> { cx = area[0] + along * area[2]; cy = area[1] + inset; }
            case 1 -> { cx = area[0] + along * area[2]; cy = area[1] + area[3] - inset; }
            case 2 -> { cx = area[0] + inset; cy = area[1] + along * area[3]; }
            default -> { cx = area[0] + area[2] - inset; cy = area[1] + along * area[3]; }
        }
        Outline outline = Outline.random(rnd, 0.3);
        paintBlob(c, (int) cx, (int) cy, r, outline, DefectClass.PR_PEELING, (x, y, t, under) -> {
            float illum = c.illumination(x, y);
            if (t > 0.86) {
                return blend(under, 70 * illum, 78 * illum, 60 * illum, 0.85f);
            }
            float sheen = 12 * c.texture(x * 3, y * 3) + 5 * c.grain(x, y);
            return blend(under, (196 + sheen) * illum, (222 + sheen) * illum, (204 + sheen) * illum, 0.9f);
        });
    }

    /** A round bump on copper: a bright dome lit from the upper left with a darker rim. */
    private void drawNodule(Canvas c, SplittableRandom rnd, int cx, int cy) {
        double r = s(6 + rnd.nextInt(9));
        Outline outline = Outline.random(rnd, 0.06);
        paintBlob(c, cx, cy, r, outline, DefectClass.COPPER_NODULE, (x, y, t, under) -> {
            float illum = c.illumination(x, y);
            double dome = Math.sqrt(Math.max(0, 1 - t * t));
            double light = ((cx - x) + (cy - y)) / (r * 2.0);
            float shade = (float) (0.95 + 0.35 * dome + 0.3 * light);
            if (t > 0.85) {
                shade *= 0.72f;
            }
            return pack(255 * shade * illum, 214 * shade * illum, 170 * shade * illum);
        });
    }

    /** Fibres (a thin wandering strand) or dust (a grey blob), anywhere on the frame. */
    private void drawEnvParticle(Canvas c, SplittableRandom rnd) {
        int grey = 150 + rnd.nextInt(60);
        if (rnd.nextInt(3) == 0) {
            int cx = rnd.nextInt(width);
            int cy = rnd.nextInt(height);
            double r = s(7 + rnd.nextInt(10));
            paintBlob(c, cx, cy, r, Outline.random(rnd, 0.3), DefectClass.ENV_PARTICLE,
                    (x, y, t, under) -> greyish(c, under, x, y, grey, 0.78f));
            return;
        }
        double x = rnd.nextInt(width);
        double y = rnd.nextInt(height);
        double angle = rnd.nextDouble() * 2 * Math.PI;
        double halfWidth = s(2) + rnd.nextDouble() * s(2);
        int steps = (int) (s(60 + rnd.nextInt(180)) / Math.max(1, halfWidth * 0.8));
        double curl = (rnd.nextDouble() - 0.5) * 0.12;
        double step = Math.max(1, halfWidth * 0.8);
        for (int i = 0; i < steps; i++) {
            stampDisc(c, x, y, halfWidth, DefectClass.ENV_PARTICLE,
                    (px, py, t, under) -> greyish(c, under, px, py, grey, 0.8f));
            angle += curl + (rnd.nextDouble() - 0.5) * 0.15;
            x += step * StrictMath.cos(angle);
            y += step * StrictMath.sin(angle);
        }
    }

    private static int greyish(Canvas c, int under, int x, int y, int grey, float alpha) {
        float illum = c.illumination(x, y);
        float g = (grey + 5 * c.grain(x, y)) * illum;
        return blend(under, g, g, g * 0.96f, alpha);
    }

    /** Paints the pixels inside {@code outline} around (cx, cy) and writes {@code cls} into the mask there. */
    private void paintBlob(Canvas c, int cx, int cy, double r, Outline outline, DefectClass cls, Paint paint) {
        double reach = r * outline.maxFactor();
        int minX = Math.max(0, (int) Math.floor(cx - reach));
        int maxX = Math.min(width - 1, (int) Math.ceil(cx + reach));
        int minY = Math.max(0, (int) Math.floor(cy - reach));
        int maxY = Math.min(height - 1, (int) Math.ceil(cy + reach));
        byte id = (byte) cls.id();
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                double dx = x - cx;
                double dy = y - cy;
                double d = Math.sqrt(dx * dx + dy * dy);
                double limit = r * (d == 0 ? 1 : outline.factor(dx / d, dy / d));
                if (d <= limit) {
                    int i = y * width + x;
                    c.rgb[i] = paint.colour(x, y, d / limit, c.rgb[i]);
                    c.mask[i] = id;
                }
            }
        }
    }

    private void stampDisc(Canvas c, double cx, double cy, double r, DefectClass cls, Paint paint) {
        int minX = Math.max(0, (int) Math.floor(cx - r));
        int maxX = Math.min(width - 1, (int) Math.ceil(cx + r));
        int minY = Math.max(0, (int) Math.floor(cy - r));
        int maxY = Math.min(height - 1, (int) Math.ceil(cy + r));
        byte id = (byte) cls.id();
        double r2 = r * r;
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                double dx = x - cx;
                double dy = y - cy;
                double d2 = dx * dx + dy * dy;
                int i = y * width + x;
                if (d2 <= r2 && c.mask[i] != id) {
                    c.rgb[i] = paint.colour(x, y, Math.sqrt(d2) / r, c.rgb[i]);
                    c.mask[i] = id;
                }
            }
        }
    }

    private int s(double pixelsAt1792) {
        return Math.max(1, (int) Math.round(pixelsAt1792 * scale));
    }

    static int pack(float r, float g, float b) {
        return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    private static int clamp(float v) {
        int i = (int) (v + 0.5f);
        return i < 0 ? 0 : (i > 255 ? 255 : i);
    }

    private static int blend(int under, float r, float g, float b, float alpha) {
        float a = alpha < 0 ? 0 : (alpha > 1 ? 1 : alpha);
        float ur = (under >> 16) & 0xFF;
        float ug = (under >> 8) & 0xFF;
        float ub = under & 0xFF;
        return pack(ur + (r - ur) * a, ug + (g - ug) * a, ub + (b - ub) * a);
    }

    /** Colour of a defect pixel at (x, y), {@code t} = distance from the centre relative to the outline. */
    @FunctionalInterface
    private interface Paint {
        int colour(int x, int y, double t, int under);
    }

    /** An irregular outline: radius factor 1 + sum of harmonics of the direction, evaluated without trigonometry. */
    private record Outline(double a2, double b2, double a3, double b3, double a5, double b5) {

        static Outline random(SplittableRandom rnd, double roughness) {
            return new Outline(h(rnd, roughness), h(rnd, roughness), h(rnd, roughness * 0.7),
                    h(rnd, roughness * 0.7), h(rnd, roughness * 0.4), h(rnd, roughness * 0.4));
        }

        private static double h(SplittableRandom rnd, double amplitude) {
            return (rnd.nextDouble() * 2 - 1) * amplitude;
        }

        double maxFactor() {
            return 1 + Math.abs(a2) + Math.abs(b2) + Math.abs(a3) + Math.abs(b3) + Math.abs(a5) + Math.abs(b5);
        }

        /** Radius factor in the direction (cos, sin). */
        double factor(double c, double s) {
            double c2 = c * c - s * s;
            double s2 = 2 * c * s;
            double c3 = c * (4 * c * c - 3);
            double s3 = s * (3 - 4 * s * s);
            double c5 = c2 * c3 - s2 * s3;
            double s5 = s2 * c3 + c2 * s3;
            return Math.max(0.35, 1 + a2 * c2 + b2 * s2 + a3 * c3 + b3 * s3 + a5 * c5 + b5 * s5);
        }
    }

    /** Pixel buffers and the seeded noise fields of one frame. */
    private static final class Canvas {
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

        Canvas(int width, int height, long seed, SplittableRandom rnd) {
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
    }
}
