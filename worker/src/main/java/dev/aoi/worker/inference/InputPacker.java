package dev.aoi.worker.inference;

import dev.aoi.imaging.Frame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Packs frames into the model's input, {@code [N,3,H,W]} float32 RGB planes of {@code pixel/255}, stretching each
 * to {@code W×H} with OpenCV's bilinear resize when the sizes differ (no letterbox). The direct buffer is reused
 * from run to run, so a steady stream of frames allocates no native memory; not thread-safe.
 */
final class InputPacker implements AutoCloseable {

    private static final float[] UNIT = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            UNIT[i] = i / 255f;
        }
    }

    private FloatBuffer buffer;

    /** The packed batch, positioned at 0 with its limit at the batch's end; valid until the next call. */
    FloatBuffer pack(List<Frame> frames, int width, int height) {
        int plane = width * height;
        int needed = Math.multiplyExact(frames.size(), Math.multiplyExact(3, plane));
        if (buffer == null || buffer.capacity() < needed) {
            buffer = ByteBuffer.allocateDirect(Math.multiplyExact(needed, 4)).order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
        }
        buffer.clear();
        float[] row = new float[width];
        for (Frame frame : frames) {
            byte[] rgb = frame.width() == width && frame.height() == height ? frame.rgb() : stretch(frame, width, height);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < height; y++) {
                    int i = 3 * y * width + c;
                    for (int x = 0; x < width; x++, i += 3) {
                        row[x] = UNIT[rgb[i] & 0xFF];
                    }
                    buffer.put(row);
                }
            }
        }
        buffer.flip();
        return buffer;
    }

    /** Bilinear stretch of 8-bit RGB, as cv2.resize(INTER_LINEAR) does it, before scaling to [0,1]. */
    static byte[] stretch(Frame frame, int width, int height) {
        Mat src = new Mat(frame.height(), frame.width(), CvType.CV_8UC3);
        Mat dst = new Mat();
        try {
            src.put(0, 0, frame.rgb());
            Imgproc.resize(src, dst, new Size(width, height), 0, 0, Imgproc.INTER_LINEAR);
            byte[] out = new byte[3 * width * height];
            dst.get(0, 0, out);
            return out;
        } finally {
            src.release();
            dst.release();
        }
    }

    @Override
    public void close() {
        buffer = null; // a direct buffer's memory goes back when it is collected
    }
}
