package dev.aoi.worker.bench;

import dev.aoi.imaging.ClassMap;
import java.util.Random;

/**
 * Synthetic class maps that look like a defect model's output: irregular, non-overlapping blobs (a circle
 * whose radius wobbles with a few random harmonics), some with a hole, in random classes on background.
 */
final class SyntheticDefects {

    private SyntheticDefects() {
    }

    /** About {@code blobs} regions with radii between {@code minRadius} and {@code maxRadius}. */
    static ClassMap generate(long seed, int width, int height, int classes, int blobs, double minRadius,
            double maxRadius) {
        Random random = new Random(seed);
        byte[] data = new byte[width * height];
        double[][] placed = new double[blobs][];
        int count = 0;
        for (int attempt = 0; count < blobs && attempt < blobs * 200; attempt++) {
            double radius = minRadius + random.nextDouble() * (maxRadius - minRadius);
            double reach = radius * 1.35 + 2; // the wobble stays under 35 %; 2 px keep blobs apart
            double cx = reach + random.nextDouble() * (width - 2 * reach);
            double cy = reach + random.nextDouble() * (height - 2 * reach);
            if (overlaps(placed, count, cx, cy, reach)) {
                continue;
            }
            placed[count++] = new double[] {cx, cy, reach};
            paintBlob(data, width, random, cx, cy, radius, (byte) (1 + random.nextInt(classes)));
        }
        return ClassMap.of(data, width, height);
    }

    private static boolean overlaps(double[][] placed, int count, double cx, double cy, double reach) {
        for (int i = 0; i < count; i++) {
            double dx = placed[i][0] - cx;
            double dy = placed[i][1] - cy;
            double gap = placed[i][2] + reach;
            if (dx * dx + dy * dy < gap * gap) {
                return true;
            }
        }
        return false;
    }

    private static void paintBlob(byte[] data, int width, Random random, double cx, double cy, double radius,
            byte cls) {
        int harmonics = 4;
        double[] amplitude = new double[harmonics];
        double[] phase = new double[harmonics];
        for (int k = 0; k < harmonics; k++) {
            amplitude[k] = random.nextDouble() * 0.30 / harmonics * 2 / (k + 1);
            phase[k] = random.nextDouble() * 2 * Math.PI;
        }
        double hole = radius > 12 && random.nextInt(4) == 0 ? radius * 0.3 : -1;
        int reach = (int) Math.ceil(radius * 1.35);
        for (int y = (int) cy - reach; y <= (int) cy + reach; y++) {
            for (int x = (int) cx - reach; x <= (int) cx + reach; x++) {
                double dx = x - cx;
                double dy = y - cy;
                double r = Math.sqrt(dx * dx + dy * dy);
                double theta = Math.atan2(dy, dx);
                double edge = radius;
                for (int k = 0; k < harmonics; k++) {
                    edge += radius * amplitude[k] * Math.cos((k + 2) * theta + phase[k]);
                }
                if (r <= edge && r > hole) {
                    data[y * width + x] = cls;
                }
            }
        }
    }
}
