package dev.aoi.worker.render;

import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.RegionResult;
import dev.aoi.worker.decode.Frame;
import dev.aoi.worker.vision.ClassMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** The frame tinted where the model found a class, each region outlined and labelled {@code class.region}. */
final class OverlayPainter {

    /** Beyond this many labels a frame is unreadable anyway; the largest regions keep theirs. */
    static final int MAX_LABELS = 300;
    private static final double TINT = 0.45;

    private OverlayPainter() {
    }

    static byte[] paint(Frame frame, ClassMap map, List<ClassResult> classes) {
        Mat image = render(frame, map, classes);
        try {
            return Mats.jpeg(image);
        } finally {
            image.release();
        }
    }

    /** The overlay as a BGR Mat (the caller releases it). */
    static Mat render(Frame frame, ClassMap map, List<ClassResult> classes) {
        Mat image = Mats.bgr(frame);
        boolean done = false;
        Mat cls = Mats.classes(map);
        Mat cls3 = new Mat();
        Mat lut = new Mat(1, 256, CvType.CV_8UC3);
        Mat colours = new Mat();
        Mat blended = new Mat();
        Mat mask = new Mat();
        try {
            byte[] table = new byte[3 * 256];
            for (int c = 1; c < 256; c++) {
                double[] bgr = ClassColours.of(c).val;
                for (int k = 0; k < 3; k++) {
                    table[3 * c + k] = (byte) Math.round(bgr[k]);
                }
            }
            lut.put(0, 0, table);
            Imgproc.cvtColor(cls, cls3, Imgproc.COLOR_GRAY2BGR);
            Core.LUT(cls3, lut, colours);
            Core.addWeighted(image, 1 - TINT, colours, TINT, 0, blended);
            Imgproc.threshold(cls, mask, 0, 255, Imgproc.THRESH_BINARY);
            blended.copyTo(image, mask);
            int thickness = Math.max(1, Math.min(frame.width(), frame.height()) / 900);
            outline(image, cls, lut, thickness);
            label(image, classes, thickness);
            done = true;
            return image;
        } finally {
            for (Mat m : new Mat[] {cls, cls3, lut, colours, blended, mask}) {
                m.release();
            }
            if (!done) {
                image.release();
            }
        }
    }

    /**
     * Region outlines in one pass over the frame: a pixel is on an outline where the class map changes within
     * {@code thickness} pixels (morphological gradient), coloured by the highest class next to it. Cheaper than
     * tracing contours class by class, and the same picture.
     */
    private static void outline(Mat image, Mat cls, Mat lut, int thickness) {
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(2 * thickness + 1, 2 * thickness + 1));
        Mat edges = new Mat();
        Mat near = new Mat();
        Mat near3 = new Mat();
        Mat colours = new Mat();
        try {
            Imgproc.morphologyEx(cls, edges, Imgproc.MORPH_GRADIENT, kernel);
            Imgproc.threshold(edges, edges, 0, 255, Imgproc.THRESH_BINARY);
            Imgproc.dilate(cls, near, kernel);
            Imgproc.cvtColor(near, near3, Imgproc.COLOR_GRAY2BGR);
            Core.LUT(near3, lut, colours);
            colours.copyTo(image, edges);
        } finally {
            for (Mat m : new Mat[] {kernel, edges, near, near3, colours}) {
                m.release();
            }
        }
    }

    private static void label(Mat image, List<ClassResult> classes, int thickness) {
        record Labelled(int classId, RegionResult region) {
        }
        List<Labelled> all = new ArrayList<>();
        classes.forEach(c -> c.regions().forEach(r -> all.add(new Labelled(c.classId(), r))));
        all.sort(Comparator.comparingInt((Labelled l) -> -l.region().areaPixels()));
        double scale = Math.max(0.35, image.cols() / 2400.0);
        for (Labelled l : all.subList(0, Math.min(MAX_LABELS, all.size()))) {
            RegionResult r = l.region();
            String text = l.classId() + "." + r.regionId();
            int x = Math.min(r.bboxX() + r.bboxWidth() + 2, Math.max(0, image.cols() - 8 * text.length()));
            int y = Math.max(12, r.bboxY() + 10);
            Point at = new Point(x, y);
            Imgproc.putText(image, text, at, Imgproc.FONT_HERSHEY_SIMPLEX, scale, new Scalar(0, 0, 0), thickness + 2);
            Imgproc.putText(image, text, at, Imgproc.FONT_HERSHEY_SIMPLEX, scale, ClassColours.of(l.classId()), thickness);
        }
    }
}
