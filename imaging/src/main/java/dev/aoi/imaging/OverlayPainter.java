package dev.aoi.imaging;

import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.RegionResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
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

    /** The overlay as an RGB Mat (the caller releases it). */
    static Mat render(Frame frame, ClassMap map, List<ClassResult> classes) {
        Mat image = Mats.rgb(frame);
        boolean done = false;
        Mat cls = Mats.classes(map);
        Mat lut = colourTable();
        try {
            int thickness = Math.max(1, Math.min(frame.width(), frame.height()) / 900);
            // Defects cover a few per cent of a frame: tint and outline only the tiles that have a class pixel
            // within the outline's reach. Each tile is worked on with a margin of that reach, so the picture is
            // the one a pass over the whole frame gives (OverlayPainterTest), for a fraction of the work.
            int reach = thickness + 1;
            for (int y = 0; y < cls.rows(); y += TILE) {
                for (int x = 0; x < cls.cols(); x += TILE) {
                    Rect tile = new Rect(x, y, Math.min(TILE, cls.cols() - x), Math.min(TILE, cls.rows() - y));
                    Rect around = grow(tile, reach, cls.cols(), cls.rows());
                    Mat near = cls.submat(around);
                    try {
                        if (Core.countNonZero(near) > 0) {
                            paintTile(image, cls, lut, tile, around, thickness);
                        }
                    } finally {
                        near.release();
                    }
                }
            }
            label(image, classes, thickness);
            done = true;
            return image;
        } finally {
            cls.release();
            lut.release();
            if (!done) {
                image.release();
            }
        }
    }

    /** Tiles of this side are skipped when no class pixel is near them; small enough to skip most of a frame. */
    static final int TILE = 128;

    /** Class id → RGB colour, for {@link Core#LUT} on a 3-channel copy of the class map. */
    private static Mat colourTable() {
        Mat lut = new Mat(1, 256, CvType.CV_8UC3);
        byte[] table = new byte[3 * 256];
        for (int c = 1; c < 256; c++) {
            double[] rgb = ClassColours.of(c).val;
            for (int k = 0; k < 3; k++) {
                table[3 * c + k] = (byte) Math.round(rgb[k]);
            }
        }
        lut.put(0, 0, table);
        return lut;
    }

    private static Rect grow(Rect r, int by, int width, int height) {
        int x0 = Math.max(0, r.x - by);
        int y0 = Math.max(0, r.y - by);
        int x1 = Math.min(width, r.x + r.width + by);
        int y1 = Math.min(height, r.y + r.height + by);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    /**
     * Tint where the model found a class, then outline: a pixel is on an outline where the class map changes
     * within {@code thickness} pixels (morphological gradient), coloured by the highest class next to it. Cheaper
     * than tracing contours class by class, and the same picture. The morphology runs on a copy of the tile with
     * its margin, so the tile's pixels see the same neighbours as in a pass over the whole frame; only the tile
     * itself is written.
     */
    private static void paintTile(Mat image, Mat cls, Mat lut, Rect tile, Rect around, int thickness) {
        Rect inner = new Rect(tile.x - around.x, tile.y - around.y, tile.width, tile.height);
        Mat block = cls.submat(around).clone();
        Mat target = image.submat(tile);
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(2 * thickness + 1, 2 * thickness + 1));
        List<Mat> scratch = new ArrayList<>();
        try {
            Mat own = block.submat(inner);
            Mat own3 = new Mat();
            Mat colours = new Mat();
            Mat blended = new Mat();
            Mat mask = new Mat();
            scratch.addAll(List.of(own, own3, colours, blended, mask));
            Imgproc.cvtColor(own, own3, Imgproc.COLOR_GRAY2BGR);
            Core.LUT(own3, lut, colours);
            Core.addWeighted(target, 1 - TINT, colours, TINT, 0, blended);
            Imgproc.threshold(own, mask, 0, 255, Imgproc.THRESH_BINARY);
            blended.copyTo(target, mask);

            Mat edges = new Mat();
            Mat near = new Mat();
            Mat near3 = new Mat();
            Mat nearColours = new Mat();
            scratch.addAll(List.of(edges, near, near3, nearColours));
            Imgproc.morphologyEx(block, edges, Imgproc.MORPH_GRADIENT, kernel);
            Imgproc.threshold(edges, edges, 0, 255, Imgproc.THRESH_BINARY);
            Imgproc.dilate(block, near, kernel);
            Mat ownEdges = edges.submat(inner);
            Mat ownNear = near.submat(inner);
            scratch.addAll(List.of(ownEdges, ownNear));
            Imgproc.cvtColor(ownNear, near3, Imgproc.COLOR_GRAY2BGR);
            Core.LUT(near3, lut, nearColours);
            nearColours.copyTo(target, ownEdges);
        } finally {
            scratch.forEach(Mat::release);
            kernel.release();
            target.release();
            block.release();
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
