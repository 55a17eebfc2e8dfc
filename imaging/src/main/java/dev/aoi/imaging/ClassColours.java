package dev.aoi.imaging;

import org.opencv.core.Scalar;

/**
 * Distinct, fixed colours per class id as (R, G, B), the same in every image the worker writes. The painters work on
 * RGB, the frame's own order, so that no image is converted to OpenCV's BGR and back.
 */
public final class ClassColours {

    private static final double[][] FIRST = {
        {0, 0, 0},        // background, never drawn
        {255, 40, 40},    // 1 red
        {255, 170, 0},    // 2 orange
        {0, 220, 255},    // 3 cyan
        {255, 60, 255},   // 4 magenta
        {60, 255, 60},    // 5 green
        {40, 120, 255},   // 6 blue
    };

    private ClassColours() {
    }

    public static Scalar of(int classId) {
        if (classId < FIRST.length) {
            double[] c = FIRST[classId];
            return new Scalar(c[0], c[1], c[2]);
        }
        // beyond the fixed ones: spread hues by the golden angle
        double hue = (classId * 137.508) % 360;
        double x = 1 - Math.abs((hue / 60) % 2 - 1);
        double[] rgb = hue < 60 ? new double[] {1, x, 0} : hue < 120 ? new double[] {x, 1, 0}
                : hue < 180 ? new double[] {0, 1, x} : hue < 240 ? new double[] {0, x, 1}
                : hue < 300 ? new double[] {x, 0, 1} : new double[] {1, 0, x};
        return new Scalar(255 * rgb[0], 255 * rgb[1], 255 * rgb[2]);
    }
}
