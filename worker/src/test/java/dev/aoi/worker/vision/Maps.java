package dev.aoi.worker.vision;

import dev.aoi.imaging.ClassMap;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Small builders of class maps for the tests. */
final class Maps {

    private Maps() {
    }

    static List<String> names(int classes) {
        return IntStream.rangeClosed(1, classes).mapToObj(i -> "class" + i).collect(Collectors.toList());
    }

    static ClassMap toClassMap(int[][] map) {
        int height = map.length;
        int width = map[0].length;
        byte[] data = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                data[y * width + x] = (byte) map[y][x];
            }
        }
        return ClassMap.of(data, width, height);
    }

    /** Rows of characters: '.' is background, a digit is its class. */
    static int[][] parse(String... rows) {
        int[][] map = new int[rows.length][];
        for (int y = 0; y < rows.length; y++) {
            map[y] = rows[y].chars().map(ch -> ch == '.' ? 0 : ch - '0').toArray();
        }
        return map;
    }

    /** Each pixel is non-background with probability {@code density}, of a uniformly drawn class. */
    static int[][] noise(long seed, int width, int height, int classes, double density) {
        Random random = new Random(seed);
        int[][] map = new int[height][width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                map[y][x] = random.nextDouble() < density ? 1 + random.nextInt(classes) : 0;
            }
        }
        return map;
    }

    /** Random filled ellipses of random classes, painted over each other: blobs, nesting, holes, merges. */
    static int[][] blobs(long seed, int width, int height, int classes, int count) {
        Random random = new Random(seed);
        int[][] map = new int[height][width];
        int maxRadius = Math.max(2, Math.min(width, height) / 6);
        for (int i = 0; i < count; i++) {
            double cx = random.nextDouble() * width;
            double cy = random.nextDouble() * height;
            double ra = 0.5 + random.nextDouble() * maxRadius;
            double rb = 0.5 + random.nextDouble() * maxRadius;
            double angle = random.nextDouble() * Math.PI;
            int c = random.nextInt(classes + 1); // background too: it cuts holes
            paintEllipse(map, cx, cy, ra, rb, angle, c);
        }
        return map;
    }

    static void paintEllipse(int[][] map, double cx, double cy, double ra, double rb, double angle, int c) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double reach = Math.max(ra, rb);
        int y0 = (int) Math.max(0, Math.floor(cy - reach));
        int y1 = (int) Math.min(map.length - 1, Math.ceil(cy + reach));
        int x0 = (int) Math.max(0, Math.floor(cx - reach));
        int x1 = (int) Math.min(map[0].length - 1, Math.ceil(cx + reach));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double u = ((x - cx) * cos + (y - cy) * sin) / ra;
                double v = (-(x - cx) * sin + (y - cy) * cos) / rb;
                if (u * u + v * v <= 1) {
                    map[y][x] = c;
                }
            }
        }
    }
}
