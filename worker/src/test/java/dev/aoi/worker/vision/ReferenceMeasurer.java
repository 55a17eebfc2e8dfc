package dev.aoi.worker.vision;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.imgproc.Imgproc;

/**
 * A deliberately naive, independent docs/measurement.md measurer for the tests: flood-fill labelling, double moment sums
 * over the whole frame, and OpenCV on a full-frame mask of each region. Shares no code with production.
 */
final class ReferenceMeasurer {

    /** One expected region; fields as docs/measurement.md. */
    record Region(int classId, int regionId, int area, double centroidX, double centroidY, int bboxX, int bboxY,
            int bboxWidth, int bboxHeight, double perimeter, double majorAxis, double minorAxis,
            double circularity, double aspectRatio) {
    }

    private static final int[] DX = {-1, 0, 1, -1, 1, -1, 0, 1};
    private static final int[] DY = {-1, -1, -1, 0, 0, 1, 1, 1};

    private ReferenceMeasurer() {
    }

    /** Expected regions of classes 1..classes, per class in region-id order. */
    static List<List<Region>> measure(int[][] map, int classes, int minArea) {
        int height = map.length;
        int width = map[0].length;
        List<List<Region>> result = new ArrayList<>();
        for (int c = 1; c <= classes; c++) {
            boolean[][] seen = new boolean[height][width];
            List<Region> regions = new ArrayList<>();
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    if (map[y][x] != c || seen[y][x]) {
                        continue;
                    }
                    List<int[]> pixels = flood(map, seen, x, y, c);
                    if (pixels.size() >= minArea) {
                        regions.add(describe(c, regions.size() + 1, pixels, width, height));
                    }
                }
            }
            result.add(regions);
        }
        return result;
    }

    private static List<int[]> flood(int[][] map, boolean[][] seen, int x0, int y0, int c) {
        List<int[]> pixels = new ArrayList<>();
        ArrayDeque<int[]> stack = new ArrayDeque<>();
        stack.push(new int[] {x0, y0});
        seen[y0][x0] = true;
        while (!stack.isEmpty()) {
            int[] p = stack.pop();
            pixels.add(p);
            for (int d = 0; d < 8; d++) {
                int x = p[0] + DX[d];
                int y = p[1] + DY[d];
                if (y >= 0 && y < map.length && x >= 0 && x < map[0].length && !seen[y][x] && map[y][x] == c) {
                    seen[y][x] = true;
                    stack.push(new int[] {x, y});
                }
            }
        }
        return pixels;
    }

    private static Region describe(int c, int id, List<int[]> pixels, int width, int height) {
        int n = pixels.size();
        double sx = 0;
        double sy = 0;
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int[] p : pixels) {
            sx += p[0];
            sy += p[1];
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        double mx = sx / n;
        double my = sy / n;
        double cxx = 0;
        double cyy = 0;
        double cxy = 0;
        for (int[] p : pixels) {
            cxx += (p[0] - mx) * (p[0] - mx);
            cyy += (p[1] - my) * (p[1] - my);
            cxy += (p[0] - mx) * (p[1] - my);
        }
        double a = cxx / n + 1.0 / 12;
        double b = cxy / n;
        double d = cyy / n + 1.0 / 12;
        // Eigenvalues by a Jacobi rotation, a different route from production's closed form.
        double theta = 0.5 * Math.atan2(2 * b, a - d);
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double l1 = a * cos * cos + 2 * b * sin * cos + d * sin * sin;
        double l2 = a * sin * sin - 2 * b * sin * cos + d * cos * cos;
        double major = 4 * Math.sqrt(Math.max(l1, l2));
        double minor = 4 * Math.sqrt(Math.min(l1, l2));
        double perimeter = fullFramePerimeter(pixels, width, height);
        double circularity = perimeter == 0 ? 1 : Math.min(1, 4 * Math.PI * n / (perimeter * perimeter));
        return new Region(c, id, n, mx, my, minX, minY, maxX - minX + 1, maxY - minY + 1, perimeter, major, minor,
                circularity, major / minor);
    }

    /** arcLength of the single RETR_EXTERNAL contour of a full-frame mask holding only this region. */
    static double fullFramePerimeter(List<int[]> pixels, int width, int height) {
        byte[] bytes = new byte[width * height];
        for (int[] p : pixels) {
            bytes[p[1] * width + p[0]] = (byte) 255;
        }
        Mat mask = new Mat(height, width, CvType.CV_8UC1);
        Mat hierarchy = new Mat();
        List<MatOfPoint> contours = new ArrayList<>();
        MatOfPoint2f curve = null;
        try {
            mask.put(0, 0, bytes);
            Imgproc.findContours(mask, contours, hierarchy, Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_NONE);
            if (contours.size() != 1) {
                throw new AssertionError("reference: " + contours.size() + " outer contours for one region");
            }
            curve = new MatOfPoint2f(contours.get(0).toArray());
            return Imgproc.arcLength(curve, true);
        } finally {
            mask.release();
            hierarchy.release();
            if (curve != null) {
                curve.release();
            }
            contours.forEach(Mat::release);
        }
    }
}
