package dev.aoi.common.synthetic;

import static dev.aoi.common.synthetic.Colours.blend;
import static dev.aoi.common.synthetic.Colours.pack;

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
        FrameCanvas c = new FrameCanvas(width, height, seed, rnd);
        List<int[]> resistAreas = layout(c, rnd);
        shade(c);
        drawDefects(c, rnd, resistAreas);
        return new SyntheticFrame(width, height, c.rgb, c.mask);
    }

    // ---------------------------------------------------------------- layout: materials only

    private List<int[]> layout(FrameCanvas c, SplittableRandom rnd) {
        int traces = 8 + rnd.nextInt(10);
        for (int t = 0; t < traces; t++) {
            drawTrace(c, rnd);
        }
        int pads = 4 + rnd.nextInt(10);
        for (int p = 0; p < pads; p++) {
            int x = rnd.nextInt(width);
            int y = rnd.nextInt(height);
            if (rnd.nextBoolean()) {
                c.fillDisc(c.material, x, y, s(18 + rnd.nextInt(30)), COPPER);
            } else {
                int w = s(30 + rnd.nextInt(60));
                int h = s(30 + rnd.nextInt(60));
                c.fillRect(c.material, x - w / 2, y - h / 2, w, h, COPPER);
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
    private void drawTrace(FrameCanvas c, SplittableRandom rnd) {
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
            c.fillCapsule(c.material, x, y, nx, ny, halfWidth, COPPER);
            x = nx;
            y = ny;
            dir = (dir + (rnd.nextBoolean() ? 1 : 7)) & 7;
        }
        if (rnd.nextInt(3) > 0) {
            c.fillDisc(c.material, (int) x, (int) y, (int) (halfWidth * (1.6 + rnd.nextDouble())), COPPER);
        }
    }

    private static final double D = Math.sqrt(0.5);
    private static final double[] DIR_X = {1, D, 0, -D, -1, -D, 0, D};
    private static final double[] DIR_Y = {0, D, 1, D, 0, -D, -1, -D};

    // ---------------------------------------------------------------- shading: materials to colour

    private void shade(FrameCanvas c) {
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

    private void drawDefects(FrameCanvas c, SplittableRandom rnd, List<int[]> resistAreas) {
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

    private int[] findMaterial(FrameCanvas c, SplittableRandom rnd, byte material) {
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
    private void drawPiParticle(FrameCanvas c, SplittableRandom rnd, int cx, int cy) {
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
    private void drawPeeling(FrameCanvas c, SplittableRandom rnd, int[] area) {
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
    private void drawNodule(FrameCanvas c, SplittableRandom rnd, int cx, int cy) {
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
    private void drawEnvParticle(FrameCanvas c, SplittableRandom rnd) {
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

    private static int greyish(FrameCanvas c, int under, int x, int y, int grey, float alpha) {
        float illum = c.illumination(x, y);
        float g = (grey + 5 * c.grain(x, y)) * illum;
        return blend(under, g, g, g * 0.96f, alpha);
    }

    /** Paints the pixels inside {@code outline} around (cx, cy) and writes {@code cls} into the mask there. */
    private void paintBlob(FrameCanvas c, int cx, int cy, double r, Outline outline, DefectClass cls, Paint paint) {
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

    private void stampDisc(FrameCanvas c, double cx, double cy, double r, DefectClass cls, Paint paint) {
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

    /** Colour of a defect pixel at (x, y), {@code t} = distance from the centre relative to the outline. */
    @FunctionalInterface
    private interface Paint {
        int colour(int x, int y, double t, int under);
    }

}
