package dev.aoi.imaging;

import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.RegionResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A contact sheet of the largest defects: each one cropped with some context, enlarged to a fixed tile, boxed in
 * its class colour and labelled with class, region id and area.
 *
 * <p>Chosen over a defect-score heatmap: on a 1792² frame a 20-pixel particle is a speck in any full-frame
 * picture, so an engineer reviewing a panel needs to see the defect itself, enlarged, next to its numbers. A
 * heatmap shows the model's confidence, which matters to whoever trains the model, not to the line, and it would
 * need the raw scores kept past the argmax (C+1 floats per pixel) for every frame.
 */
final class DefectSheetPainter {

    static final int MAX_TILES = 24;
    static final int TILE = 192;
    static final int LABEL = 22;
    static final int COLUMNS = 6;

    private DefectSheetPainter() {
    }

    /** The sheet as JPEG, or {@code null} when the frame has no region. */
    static byte[] paint(Frame frame, List<ClassResult> classes) {
        List<Tile> tiles = largest(classes);
        if (tiles.isEmpty()) {
            return null;
        }
        int columns = Math.min(COLUMNS, tiles.size());
        int rows = (tiles.size() + columns - 1) / columns;
        Mat image = Mats.rgb(frame);
        Mat sheet = new Mat(rows * (TILE + LABEL), columns * TILE, CvType.CV_8UC3, new Scalar(30, 30, 30));
        try {
            for (int i = 0; i < tiles.size(); i++) {
                draw(image, sheet, tiles.get(i), (i % columns) * TILE, (i / columns) * (TILE + LABEL));
            }
            return Mats.jpeg(sheet);
        } finally {
            image.release();
            sheet.release();
        }
    }

    private record Tile(int classId, String className, RegionResult region) {
    }

    private static List<Tile> largest(List<ClassResult> classes) {
        List<Tile> all = new ArrayList<>();
        classes.forEach(c -> c.regions().forEach(r -> all.add(new Tile(c.classId(), c.className(), r))));
        all.sort(Comparator.comparingInt((Tile t) -> -t.region().areaPixels())
                .thenComparingInt(Tile::classId).thenComparingInt(t -> t.region().regionId()));
        return all.subList(0, Math.min(MAX_TILES, all.size()));
    }

    private static void draw(Mat image, Mat sheet, Tile tile, int left, int top) {
        RegionResult r = tile.region();
        int w = image.cols();
        int h = image.rows();
        // a square window: twice the defect's size plus a margin, so its surroundings show too
        int side = Math.min(Math.min(w, h), Math.max(r.bboxWidth(), r.bboxHeight()) * 2 + 16);
        int x0 = clamp(r.bboxX() + r.bboxWidth() / 2 - side / 2, 0, w - side);
        int y0 = clamp(r.bboxY() + r.bboxHeight() / 2 - side / 2, 0, h - side);
        Mat crop = image.submat(new Rect(x0, y0, side, side));
        Mat target = sheet.submat(new Rect(left, top, TILE, TILE));
        try {
            // enlarged with nearest so the pixels stay honest; shrunk with area averaging
            Imgproc.resize(crop, target, new Size(TILE, TILE), 0, 0,
                    side <= TILE ? Imgproc.INTER_NEAREST : Imgproc.INTER_AREA);
            double s = (double) TILE / side;
            Scalar colour = ClassColours.of(tile.classId());
            Imgproc.rectangle(target, new Point((r.bboxX() - x0) * s - 1, (r.bboxY() - y0) * s - 1),
                    new Point((r.bboxX() + r.bboxWidth() - x0) * s, (r.bboxY() + r.bboxHeight() - y0) * s), colour, 1);
            String text = tile.className() + " #" + r.regionId() + "  " + r.areaPixels() + "px";
            Imgproc.putText(sheet, text, new Point(left + 3, top + TILE + 15), Imgproc.FONT_HERSHEY_SIMPLEX, 0.38,
                    colour, 1);
        } finally {
            crop.release();
            target.release();
        }
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
