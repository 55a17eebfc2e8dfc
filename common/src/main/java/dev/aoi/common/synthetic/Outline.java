package dev.aoi.common.synthetic;

import java.util.SplittableRandom;

/** An irregular outline: radius factor 1 + sum of harmonics of the direction, evaluated without trigonometry. */
record Outline(double a2, double b2, double a3, double b3, double a5, double b5) {

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
