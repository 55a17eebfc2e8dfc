package dev.aoi.common.synthetic;

/** Packed {@code 0xRRGGBB} colours of the synthetic frames: rounding, clamping and alpha blending. */
final class Colours {

    private Colours() {
    }

    static int pack(float r, float g, float b) {
        return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    static int clamp(float v) {
        int i = (int) (v + 0.5f);
        return i < 0 ? 0 : (i > 255 ? 255 : i);
    }

    static int blend(int under, float r, float g, float b, float alpha) {
        float a = alpha < 0 ? 0 : (alpha > 1 ? 1 : alpha);
        float ur = (under >> 16) & 0xFF;
        float ug = (under >> 8) & 0xFF;
        float ub = under & 0xFF;
        return pack(ur + (r - ur) * a, ug + (g - ug) * a, ub + (b - ub) * a);
    }
}
