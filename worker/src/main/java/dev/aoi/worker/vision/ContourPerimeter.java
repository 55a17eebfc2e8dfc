package dev.aoi.worker.vision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.imgproc.Imgproc;

/**
 * The perimeters of docs/measurement.md: OpenCV's {@code arcLength(closed)} of the one outer contour that
 * {@code findContours(RETR_EXTERNAL, CHAIN_APPROX_NONE)} traces on a mask of each component alone.
 *
 * <p>Each component's mask is cropped to its bounding box plus one empty pixel on every side. Because a
 * contour is traced from the component's first pixel through its 8 neighbours only, that tile yields the
 * same contour as a full-frame mask, wherever it lies. To pay OpenCV's fixed cost per call once per batch
 * instead of once per component, the tiles are packed side by side into shelves of one canvas: their empty
 * margins keep them apart, so the canvas gives exactly one outer contour per tile, found by its first point.
 * OpenCV does not promise an order for its contours, so none is assumed.
 */
final class ContourPerimeter {

    private ContourPerimeter() {
    }

    /** Perimeters of the given components (indices into {@code components}), in the same order. */
    static double[] of(ConnectedComponents components, int[] selected, int canvasWidth, int canvasPixels) {
        double[] perimeters = new double[selected.length];
        // Tallest tiles first, so that each shelf holds tiles of similar height and the canvas stays small.
        long[] byHeight = new long[selected.length];
        int tiles = 0;
        for (int i = 0; i < selected.length; i++) {
            int k = selected[i];
            if (components.area[k] > 1) { // a one-point contour has length 0: no need to ask OpenCV
                byHeight[tiles++] = (long) -(components.maxY[k] - components.minY[k]) << 32 | i;
            }
        }
        Arrays.sort(byHeight, 0, tiles);
        Canvas canvas = new Canvas(canvasWidth, canvasPixels);
        for (int t = 0; t < tiles; t++) {
            int i = (int) byHeight[t];
            int k = selected[i];
            int width = components.maxX[k] - components.minX[k] + 3;
            int height = components.maxY[k] - components.minY[k] + 3;
            if (!canvas.place(i, width, height)) {
                canvas.trace(components, selected, perimeters);
                canvas.clear();
                canvas.place(i, width, height);
            }
        }
        canvas.trace(components, selected, perimeters);
        return perimeters;
    }

    /** Tiles placed left to right in shelves; a shelf is as tall as its tallest tile. */
    private static final class Canvas {
        private final int width;
        private final int maxPixels;
        private int[] tileOf = new int[64]; // which entry of `selected` each tile holds
        private int[] tileX = new int[64];
        private int[] tileY = new int[64];
        private int tiles;
        private int shelfY;
        private int shelfHeight;
        private int cursorX;

        Canvas(int width, int maxPixels) {
            this.width = width;
            this.maxPixels = maxPixels;
        }

        /** Places a tile, or returns false when the canvas is full (it always takes a tile when empty). */
        boolean place(int entry, int tileWidth, int tileHeight) {
            if (tileWidth > width) {
                throw new IllegalArgumentException("tile wider than the canvas: " + tileWidth + " > " + width);
            }
            int x = cursorX;
            int y = shelfY;
            int height = Math.max(shelfHeight, tileHeight);
            if (x + tileWidth > width) {
                x = 0;
                y = shelfY + shelfHeight;
                height = tileHeight;
            }
            if (tiles > 0 && (long) (y + height) * width > maxPixels) {
                return false;
            }
            if (tiles == tileOf.length) {
                tileOf = Arrays.copyOf(tileOf, tiles * 2);
                tileX = Arrays.copyOf(tileX, tiles * 2);
                tileY = Arrays.copyOf(tileY, tiles * 2);
            }
            tileOf[tiles] = entry;
            tileX[tiles] = x;
            tileY[tiles] = y;
            tiles++;
            shelfY = y;
            shelfHeight = height;
            cursorX = x + tileWidth;
            return true;
        }

        void clear() {
            tiles = 0;
            shelfY = 0;
            shelfHeight = 0;
            cursorX = 0;
        }

        /** Draws every tile's component, traces the canvas once, and stores each contour's length. */
        void trace(ConnectedComponents components, int[] selected, double[] perimeters) {
            if (tiles == 0) {
                return;
            }
            int height = shelfY + shelfHeight;
            byte[] pixels = new byte[width * height];
            for (int t = 0; t < tiles; t++) {
                int k = selected[tileOf[t]];
                // +1: the empty margin inside the tile
                int originX = tileX[t] + 1 - components.minX[k];
                int originY = tileY[t] + 1 - components.minY[k];
                for (int i = components.firstRun[k]; i < components.firstRun[k + 1]; i++) {
                    int r = components.runsByComponent[i];
                    int offset = (components.runRow[r] + originY) * width + originX;
                    Arrays.fill(pixels, offset + components.runStart[r], offset + components.runEnd[r] + 1, (byte) 1);
                }
            }
            Mat mask = new Mat(height, width, CvType.CV_8UC1);
            Mat hierarchy = new Mat();
            List<MatOfPoint> contours = new ArrayList<>(tiles);
            try {
                mask.put(0, 0, pixels);
                Imgproc.findContours(mask, contours, hierarchy, Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_NONE);
                if (contours.size() != tiles) {
                    throw new IllegalStateException(tiles + " components gave " + contours.size()
                            + " outer contours instead of one each; this is a bug in the labelling, please report it");
                }
                int[] first = new int[2];
                for (MatOfPoint contour : contours) {
                    contour.get(0, 0, first);
                    perimeters[tileOf[tileAt(first[0], first[1])]] = arcLength(contour);
                }
            } finally {
                mask.release();
                hierarchy.release();
                contours.forEach(Mat::release);
            }
        }

        /** The tile holding canvas point (x, y): tiles are ordered by shelf, then left to right. */
        private int tileAt(int x, int y) {
            int last = lastAtMost(tileY, 0, tiles - 1, y); // a tile of the shelf that holds row y
            int shelfStart = lastAtMost(tileY, 0, last, tileY[last] - 1) + 1;
            return lastAtMost(tileX, shelfStart, last, x);
        }

        /** The last index in [from, to] of the non-decreasing {@code values} whose value is ≤ v, or from − 1. */
        private static int lastAtMost(int[] values, int from, int to, int v) {
            int low = from - 1;
            int high = to;
            while (low < high) {
                int mid = (low + high + 1) >>> 1;
                if (values[mid] <= v) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            return low;
        }
    }

    private static double arcLength(MatOfPoint contour) {
        MatOfPoint2f curve = new MatOfPoint2f();
        try {
            contour.convertTo(curve, CvType.CV_32F);
            return Imgproc.arcLength(curve, true);
        } finally {
            curve.release();
        }
    }
}
