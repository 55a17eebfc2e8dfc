package dev.aoi.common.synthetic;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.util.Objects;

/**
 * One rendered frame: packed {@code 0xRRGGBB} pixels, row-major, and its ground-truth class mask (one byte per
 * pixel, 0 = background, otherwise a {@link DefectClass} id). The arrays are owned by the frame; do not mutate.
 */
public record SyntheticFrame(int width, int height, int[] rgb, byte[] mask) {

    public SyntheticFrame {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        Objects.requireNonNull(rgb, "rgb");
        Objects.requireNonNull(mask, "mask");
        if (rgb.length != width * height || mask.length != width * height) {
            throw new IllegalArgumentException("pixel arrays do not match " + width + "x" + height);
        }
    }

    /** The frame as an RGB image sharing this frame's pixels (no copy). */
    public BufferedImage image() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] target = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(rgb, 0, target, 0, rgb.length);
        return image;
    }

    /** The class mask as an 8-bit grey image whose sample values are the class ids. */
    public BufferedImage maskImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(mask, 0, target, 0, mask.length);
        return image;
    }

    /** Number of mask pixels of class {@code classId}. */
    public int pixelsOf(int classId) {
        int n = 0;
        for (byte b : mask) {
            if (b == classId) {
                n++;
            }
        }
        return n;
    }
}
