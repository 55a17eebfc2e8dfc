package dev.aoi.worker.bench;

import dev.aoi.imaging.ClassMap;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;
import org.opencv.imgproc.Moments;

/**
 * The baselines the benchmark compares with, both plain OpenCV. {@link #measure} is the naive port: per class
 * a full-frame mask and {@code connectedComponentsWithStats}, per region a full-frame mask,
 * {@code findContours}, {@code arcLength} and {@code moments}. {@link #measureCropped} is what a careful
 * OpenCV-Python script does (STACK.md's ≈ 46 ms): the same, but per region only inside its bounding box.
 * Both return totals that the benchmark checks against {@code RegionMeasurer}.
 */
final class NaiveOpenCvMeasurer {

    record Totals(int regions, long area, double perimeter) {
    }

    private NaiveOpenCvMeasurer() {
    }

    static Totals measure(ClassMap map, int classes) {
        return measure(map, classes, false);
    }

    static Totals measureCropped(ClassMap map, int classes) {
        return measure(map, classes, true);
    }

    private static Totals measure(ClassMap map, int classes, boolean cropped) {
        int regions = 0;
        long area = 0;
        double perimeterSum = 0;
        Mat classMat = new Mat(map.height(), map.width(), CvType.CV_8UC1);
        Mat mask = new Mat();
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        Mat regionMask = new Mat();
        try {
            classMat.put(0, 0, map.data());
            for (int c = 1; c <= classes; c++) {
                Core.compare(classMat, new Scalar(c), mask, Core.CMP_EQ);
                int labelCount = Imgproc.connectedComponentsWithStats(mask, labels, stats, centroids, 8, CvType.CV_32S);
                for (int label = 1; label < labelCount; label++) {
                    Mat region = cropped ? labels.submat(boundingBox(stats, label)) : labels;
                    try {
                        Core.compare(region, new Scalar(label), regionMask, Core.CMP_EQ);
                    } finally {
                        if (cropped) {
                            region.release();
                        }
                    }
                    perimeterSum += perimeter(regionMask);
                    Moments m = Imgproc.moments(regionMask, true);
                    double a = m.mu20 / m.m00 + 1.0 / 12;
                    double b = m.mu11 / m.m00;
                    double d = m.mu02 / m.m00 + 1.0 / 12;
                    double root = Math.sqrt((a - d) * (a - d) / 4 + b * b);
                    double major = 4 * Math.sqrt((a + d) / 2 + root);
                    double minor = 4 * Math.sqrt((a + d) / 2 - root);
                    if (major < minor) {
                        throw new IllegalStateException("impossible axes");
                    }
                    regions++;
                    area += (long) stats.get(label, Imgproc.CC_STAT_AREA)[0];
                }
            }
        } finally {
            classMat.release();
            mask.release();
            labels.release();
            stats.release();
            centroids.release();
            regionMask.release();
        }
        return new Totals(regions, area, perimeterSum);
    }

    private static Rect boundingBox(Mat stats, int label) {
        return new Rect((int) stats.get(label, Imgproc.CC_STAT_LEFT)[0], (int) stats.get(label, Imgproc.CC_STAT_TOP)[0],
                (int) stats.get(label, Imgproc.CC_STAT_WIDTH)[0], (int) stats.get(label, Imgproc.CC_STAT_HEIGHT)[0]);
    }

    private static double perimeter(Mat regionMask) {
        List<MatOfPoint> contours = new ArrayList<>();
        Mat hierarchy = new Mat();
        MatOfPoint2f curve = new MatOfPoint2f();
        try {
            Imgproc.findContours(regionMask, contours, hierarchy, Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_NONE);
            contours.get(0).convertTo(curve, CvType.CV_32F);
            return Imgproc.arcLength(curve, true);
        } finally {
            hierarchy.release();
            curve.release();
            contours.forEach(Mat::release);
        }
    }
}
