package dev.aoi.imaging;

import dev.aoi.common.event.ClassResult;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The result images a person looks at, drawn from what the worker found: the class map as PNG, the overlay (the
 * frame tinted and outlined where a class is, regions labelled) and the defect sheet (the largest regions
 * enlarged) as JPEG. One implementation, so that an overlay the console renders when someone opens a frame is,
 * byte for byte, the one the worker would have written.
 */
public final class ResultPictures {

    private ResultPictures() {
    }

    /** 8-bit greyscale PNG, pixel value = class id. */
    public static byte[] classMapPng(ClassMap map) {
        return ClassMapPng.encode(map);
    }

    /**
     * A class map back from its PNG (any 8-bit greyscale PNG, as every class map this pipeline writes).
     *
     * @throws IllegalArgumentException when the bytes are not an 8-bit single-channel image
     */
    public static ClassMap readClassMap(byte[] png) {
        OpenCvLoader.ensureLoaded();
        MatOfByte encoded = new MatOfByte(png);
        Mat decoded = Imgcodecs.imdecode(encoded, Imgcodecs.IMREAD_UNCHANGED);
        try {
            if (decoded.empty() || decoded.type() != CvType.CV_8UC1) {
                throw new IllegalArgumentException("not an 8-bit greyscale class map"
                        + (decoded.empty() ? "" : " (OpenCV type " + CvType.typeToString(decoded.type()) + ")"));
            }
            byte[] data = new byte[decoded.rows() * decoded.cols()];
            decoded.get(0, 0, data);
            return ClassMap.of(data, decoded.cols(), decoded.rows());
        } finally {
            decoded.release();
            encoded.release();
        }
    }

    /** The overlay as JPEG q90; {@code classes} label the regions (an empty list draws tint and outlines only). */
    public static byte[] overlayJpeg(Frame frame, ClassMap map, List<ClassResult> classes) {
        requireSameSize(frame, map);
        return OverlayPainter.paint(frame, map, classes);
    }

    /** The defect sheet as JPEG q90, or {@code null} when there is no region to show. */
    public static byte[] defectSheetJpeg(Frame frame, List<ClassResult> classes) {
        return DefectSheetPainter.paint(frame, classes);
    }

    /** Whether any class has a region: the overlay and the sheet of a frame without one show nothing. */
    public static boolean hasRegions(List<ClassResult> classes) {
        return classes.stream().anyMatch(c -> !c.regions().isEmpty());
    }

    private static void requireSameSize(Frame frame, ClassMap map) {
        if (frame.width() != map.width() || frame.height() != map.height()) {
            throw new IllegalArgumentException("the class map is " + map.width() + "x" + map.height()
                    + " but the frame " + frame.width() + "x" + frame.height());
        }
    }
}
