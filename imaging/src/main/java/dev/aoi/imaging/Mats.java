package dev.aoi.imaging;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** Frames and class maps as OpenCV Mats (caller releases), and the JPEG every painter writes. */
final class Mats {

    private Mats() {
    }

    /** The frame as an 8-bit 3-channel Mat in its own R, G, B order (the painters paint in RGB). */
    static Mat rgb(Frame frame) {
        Mat rgb = new Mat(frame.height(), frame.width(), CvType.CV_8UC3);
        rgb.put(0, 0, frame.rgb());
        return rgb;
    }

    static Mat classes(ClassMap map) {
        Mat mat = new Mat(map.height(), map.width(), CvType.CV_8UC1);
        mat.put(0, 0, map.data());
        return mat;
    }

    /** JPEG q90, the quality of every JPEG the worker writes; {@code image} RGB or grey. */
    static byte[] jpeg(Mat image) {
        return JpegEncoder.encode(image, 90);
    }
}
