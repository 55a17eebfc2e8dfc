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
 * The perimeter of SPEC §4: OpenCV's {@code arcLength(closed)} of the one outer contour that
 * {@code findContours(RETR_EXTERNAL, CHAIN_APPROX_NONE)} traces on a mask of the component alone. The mask
 * is cropped to the component's bounding box plus one empty pixel on each side, which gives the same contour
 * as a full-frame mask (arcLength does not depend on where the contour lies). Not thread-safe: it reuses
 * a scratch buffer.
 */
final class ContourPerimeter {

    private byte[] scratch = new byte[4096];

    double of(ConnectedComponents components, int k) {
        if (components.area[k] == 1) {
            return 0; // a one-point contour has no length; spares OpenCV the call
        }
        int left = components.minX[k] - 1;
        int top = components.minY[k] - 1;
        int width = components.maxX[k] - left + 2;
        int height = components.maxY[k] - top + 2;
        int size = width * height;
        if (scratch.length < size) {
            scratch = new byte[Math.max(size, scratch.length * 2)];
        } else {
            Arrays.fill(scratch, 0, size, (byte) 0);
        }
        for (int i = components.firstRun[k]; i < components.firstRun[k + 1]; i++) {
            int r = components.runsByComponent[i];
            int offset = (components.runRow[r] - top) * width - left;
            Arrays.fill(scratch, offset + components.runStart[r], offset + components.runEnd[r] + 1, (byte) 1);
        }
        return arcLengthOfOuterContour(scratch, width, height);
    }

    private static double arcLengthOfOuterContour(byte[] pixels, int width, int height) {
        Mat mask = new Mat(height, width, CvType.CV_8UC1);
        Mat hierarchy = new Mat();
        List<MatOfPoint> contours = new ArrayList<>(1);
        MatOfPoint2f curve = new MatOfPoint2f();
        try {
            mask.put(0, 0, pixels, 0, width * height);
            Imgproc.findContours(mask, contours, hierarchy, Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_NONE);
            if (contours.size() != 1) {
                throw new IllegalStateException("an 8-connected component gave " + contours.size()
                        + " outer contours instead of one; this is a bug in the labelling, please report it");
            }
            contours.get(0).convertTo(curve, CvType.CV_32F);
            return Imgproc.arcLength(curve, true);
        } finally {
            mask.release();
            hierarchy.release();
            curve.release();
            for (MatOfPoint contour : contours) {
                contour.release();
            }
        }
    }
}
