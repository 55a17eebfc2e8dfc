package dev.aoi.worker.vision;

/**
 * Exact integer moment sums of one component, taken relative to its bounding box's origin, and the shape
 * numbers docs/measurement.md derives from them: centroid and the axes of the pixel covariance plus 1/12 (unit squares).
 */
final class ShapeMoments {

    private static final double UNIT_SQUARE_VARIANCE = 1.0 / 12.0;

    private long n;
    private long sumX;
    private long sumY;
    private long sumXX;
    private long sumYY;
    private long sumXY;

    /** Adds the pixels {@code from..to} (inclusive) of row {@code y}, all relative to the bbox origin. */
    void addRun(long y, long from, long to) {
        long length = to - from + 1;
        long xs = (from + to) * length / 2; // (from + to) and length have opposite parity: exact
        n += length;
        sumX += xs;
        sumXX += squares(to) - squares(from - 1);
        sumY += y * length;
        sumYY += y * y * length;
        sumXY += y * xs;
    }

    double meanX() {
        return (double) sumX / n;
    }

    double meanY() {
        return (double) sumY / n;
    }

    /** Returns {major, minor}: 4·sqrt of the eigenvalues of the covariance plus 1/12 on the diagonal. */
    double[] axes() {
        double a = covariance(n, sumXX, sumX, sumX) + UNIT_SQUARE_VARIANCE;
        double c = covariance(n, sumYY, sumY, sumY) + UNIT_SQUARE_VARIANCE;
        double b = covariance(n, sumXY, sumX, sumY);
        double mean = (a + c) / 2;
        double half = (a - c) / 2;
        double radius = Math.sqrt(half * half + b * b);
        // mean − radius loses at most an ulp of mean, tiny next to λ2 ≥ 1/12.
        return new double[] {4 * Math.sqrt(mean + radius), 4 * Math.sqrt(mean - radius)};
    }

    /** Σ_{k=0..m} k², for m ≥ −1. */
    private static long squares(long m) {
        return m * (m + 1) * (2 * m + 1) / 6;
    }

    /**
     * The population covariance (n·Σab − Σa·Σb) / n², with the numerator in exact 128-bit arithmetic so
     * that no cancellation happens before the one rounding to double.
     */
    static double covariance(long n, long sumAB, long sumA, long sumB) {
        long high1 = Math.multiplyHigh(n, sumAB);
        long low1 = n * sumAB;
        long high2 = Math.multiplyHigh(sumA, sumB);
        long low2 = sumA * sumB;
        long low = low1 - low2;
        long high = high1 - high2 - (Long.compareUnsigned(low1, low2) < 0 ? 1 : 0);
        double numerator;
        if (high == (low >> 63)) {
            numerator = low; // fits a signed long
        } else {
            double unsignedLow = low >= 0 ? low : ((low >>> 1) | (low & 1)) * 2.0;
            numerator = high * 0x1p64 + unsignedLow;
        }
        return numerator / n / n;
    }
}
