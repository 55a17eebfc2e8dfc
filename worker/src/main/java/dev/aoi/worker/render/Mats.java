package dev.aoi.worker.render;

import dev.aoi.worker.decode.Frame;
import dev.aoi.worker.vision.ClassMap;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Frames and class maps as OpenCV Mats (caller releases), and encoding to bytes. */
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

    static byte[] encode(Mat image, String extension, int... params) {
        MatOfByte out = new MatOfByte();
        MatOfInt options = new MatOfInt(params);
        try {
            if (!Imgcodecs.imencode(extension, image, out, options)) {
                throw new IllegalStateException("OpenCV could not encode a " + extension + " image");
            }
            return out.toArray();
        } finally {
            out.release();
            options.release();
        }
    }

    static byte[] jpeg(Mat image) {
        return encode(image, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 90);
    }
}
