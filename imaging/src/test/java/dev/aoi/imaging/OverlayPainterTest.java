package dev.aoi.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** The overlay painted tile by tile is, pixel for pixel, the one a pass over the whole frame paints. */
class OverlayPainterTest {

    @BeforeAll
    static void opencv() {
        OpenCvLoader.ensureLoaded();
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "3,200,2", "300,271,3", "1,129,4", "1800,1800,5"}) // 1800²: outlines 2 pixels thick
    void tiles_give_the_picture_of_the_whole_frame(int width, int height, long seed) {
        Random random = new Random(seed);
        Mat cls = new Mat(height, width, CvType.CV_8UC1, new Scalar(0));
        // blobs across tile borders (every multiple of TILE) and the frame's edges, some touching each other
        for (int i = 0; i < 40; i++) {
            Point at = random.nextInt(3) == 0
                    ? new Point(OverlayPainter.TILE * (1 + random.nextInt(Math.max(1, width / OverlayPainter.TILE))),
                            random.nextInt(height))
                    : new Point(random.nextInt(width), random.nextInt(height));
            Imgproc.circle(cls, at, 1 + random.nextInt(20), new Scalar(1 + random.nextInt(4)), -1);
        }
        cls.put(0, 0, new byte[] {(byte) (1 + random.nextInt(4))}); // a corner pixel
        byte[] classes = new byte[width * height];
        cls.get(0, 0, classes);
        cls.release();
        byte[] rgb = new byte[3 * width * height];
        random.nextBytes(rgb);
        Frame frame = new Frame(width, height, rgb);
        ClassMap map = ClassMap.of(classes, width, height);

        Mat tiled = OverlayPainter.render(frame, map, List.of());
        Mat whole = wholeFrame(frame, map);
        Mat diff = new Mat();
        try {
            Core.absdiff(tiled, whole, diff);
            assertThat(Core.countNonZero(diff.reshape(1))).as("pixels that differ").isZero();
        } finally {
            tiled.release();
            whole.release();
            diff.release();
        }
    }

    /** The overlay as the worker painted it before tiles: tint and outline computed over the whole frame. */
    private static Mat wholeFrame(Frame frame, ClassMap map) {
        Mat image = Mats.rgb(frame);
        Mat cls = Mats.classes(map);
        Mat cls3 = new Mat();
        Mat lut = new Mat(1, 256, CvType.CV_8UC3);
        Mat colours = new Mat();
        Mat blended = new Mat();
        Mat mask = new Mat();
        byte[] table = new byte[3 * 256];
        for (int c = 1; c < 256; c++) {
            double[] rgb = ClassColours.of(c).val;
            for (int k = 0; k < 3; k++) {
                table[3 * c + k] = (byte) Math.round(rgb[k]);
            }
        }
        lut.put(0, 0, table);
        Imgproc.cvtColor(cls, cls3, Imgproc.COLOR_GRAY2BGR);
        Core.LUT(cls3, lut, colours);
        Core.addWeighted(image, 1 - 0.45, colours, 0.45, 0, blended);
        Imgproc.threshold(cls, mask, 0, 255, Imgproc.THRESH_BINARY);
        blended.copyTo(image, mask);
        int thickness = Math.max(1, Math.min(frame.width(), frame.height()) / 900);
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(2 * thickness + 1, 2 * thickness + 1));
        Mat edges = new Mat();
        Mat near = new Mat();
        Mat near3 = new Mat();
        Mat nearColours = new Mat();
        Imgproc.morphologyEx(cls, edges, Imgproc.MORPH_GRADIENT, kernel);
        Imgproc.threshold(edges, edges, 0, 255, Imgproc.THRESH_BINARY);
        Imgproc.dilate(cls, near, kernel);
        Imgproc.cvtColor(near, near3, Imgproc.COLOR_GRAY2BGR);
        Core.LUT(near3, lut, nearColours);
        nearColours.copyTo(image, edges);
        for (Mat m : new Mat[] {cls, cls3, lut, colours, blended, mask, kernel, edges, near, near3, nearColours}) {
            m.release();
        }
        return image;
    }

    @Test
    void the_overlay_outlines_each_region_in_its_class_colour_and_leaves_the_rest_of_the_frame() {
        Frame frame = grey(40, 30);
        ClassMap map = squares(40, 30);
        Mat overlay = OverlayPainter.render(frame, map, List.of()); // no labels: outlines and tint only
        try {
            // class 1 covers rows and columns 2..9, class 3 rows 10..12 and columns 20..24; the outline is one
            // pixel either side of each border, in the colour of the class it borders
            assertThat(overlay.get(1, 5)).containsExactly(ClassColours.of(1).val[0], ClassColours.of(1).val[1],
                    ClassColours.of(1).val[2]);
            assertThat(overlay.get(2, 5)).containsExactly(ClassColours.of(1).val[0], ClassColours.of(1).val[1],
                    ClassColours.of(1).val[2]);
            assertThat(overlay.get(11, 25)).containsExactly(ClassColours.of(3).val[0], ClassColours.of(3).val[1],
                    ClassColours.of(3).val[2]);
            // inside, away from the border: tinted, not outlined; away from every region: the frame as it was
            double[] inside = overlay.get(5, 5);
            assertThat(inside[0]).as("red, in RGB").isGreaterThan(100).isLessThan(ClassColours.of(1).val[0]);
            assertThat(overlay.get(0, 5)).containsExactly(100, 100, 100);
            assertThat(overlay.get(25, 35)).containsExactly(100, 100, 100);
        } finally {
            overlay.release();
        }
    }

    private static Frame grey(int w, int h) {
        byte[] rgb = new byte[3 * w * h];
        java.util.Arrays.fill(rgb, (byte) 100);
        return new Frame(w, h, rgb);
    }

    /** Class 1 at (2..9, 2..9), class 3 at (20..24, 10..12). */
    private static ClassMap squares(int w, int h) {
        byte[] data = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                data[y * w + x] = (byte) (x >= 2 && x < 10 && y >= 2 && y < 10 ? 1
                        : x >= 20 && x < 25 && y >= 10 && y < 13 ? 3 : 0);
            }
        }
        return ClassMap.of(data, w, h);
    }
}
