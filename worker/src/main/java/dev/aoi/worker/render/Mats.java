package dev.aoi.worker.render;

import dev.aoi.worker.decode.Frame;
import dev.aoi.worker.vision.ClassMap;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/** Frames and class maps as OpenCV Mats (caller releases), and the JPEG every painter writes. */
final class Mats {

    private Mats() {
    }

    static Mat bgr(Frame frame) {
        Mat rgb = new Mat(frame.height(), frame.width(), CvType.CV_8UC3);
        try {
            rgb.put(0, 0, frame.rgb());
            Mat bgr = new Mat();
            Imgproc.cvtColor(rgb, bgr, Imgproc.COLOR_RGB2BGR);
            return bgr;
        } finally {
            rgb.release();
        }
    }

    static Mat classes(ClassMap map) {
        Mat mat = new Mat(map.height(), map.width(), CvType.CV_8UC1);
        mat.put(0, 0, map.data());
        return mat;
    }

    /** JPEG q90, the quality of every JPEG the worker writes. */
    static byte[] jpeg(Mat image) {
        return JpegEncoder.encode(image, 90);
    }
}
