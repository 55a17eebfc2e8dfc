package dev.aoi.worker;

import dev.aoi.imaging.OpenCvLoader;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/** Writes the test images: colour patterns through javax.imageio or OpenCV, and hand-made broken files. */
public final class TestImages {

    public static final int RED = 0xFF0000;
    public static final int GREEN = 0x00FF00;
    public static final int BLUE = 0x0000FF;
    public static final int WHITE = 0xFFFFFF;
    public static final int BLACK = 0x000000;
    public static final int YELLOW = 0xFFFF00;

    private TestImages() {
    }

    /** A test model from src/test/resources/models. */
    public static Path model(String name) {
        try {
            return Path.of(TestImages.class.getResource("/models/" + name + ".onnx").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RGB image whose pixel (x, y) is {@code rgb[y][x]} (0xRRGGBB). */
    public static BufferedImage rgb(int[][] rgb) {
        BufferedImage image = new BufferedImage(rgb[0].length, rgb.length, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < rgb.length; y++) {
            for (int x = 0; x < rgb[0].length; x++) {
                image.setRGB(x, y, rgb[y][x]);
            }
        }
        return image;
    }

    /** A {@code width}x{@code height} image, {@code background} with a {@code colour} rectangle. */
    public static int[][] rect(int width, int height, int background, int colour, int x0, int y0, int w, int h) {
        int[][] px = new int[height][width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                px[y][x] = x >= x0 && x < x0 + w && y >= y0 && y < y0 + h ? colour : background;
            }
        }
        return px;
    }

    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Grey + alpha, 8 bits each: {@code grey[y][x]}, alpha {@code alpha}. */
    public static BufferedImage greyAlpha(int[][] grey, int alpha) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(grey[0].length, grey.length);
        for (int y = 0; y < grey.length; y++) {
            for (int x = 0; x < grey[0].length; x++) {
                raster.setPixel(x, y, new int[] {grey[y][x], alpha});
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    /** 16-bit grey. */
    public static BufferedImage grey16(int[][] values) {
        BufferedImage image = new BufferedImage(values[0].length, values.length, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < values.length; y++) {
            for (int x = 0; x < values[0].length; x++) {
                image.getRaster().setSample(x, y, 0, values[y][x]);
            }
        }
        return image;
    }

    /** OpenCV-encoded bytes of a Mat built from {@code samples} (BGR order, as OpenCV stores it). */
    public static byte[] opencvEncode(int width, int height, int type, short[] samples, String ext) {
        OpenCvLoader.ensureLoaded();
        Mat mat = new Mat(height, width, type);
        MatOfByte out = new MatOfByte();
        try {
            mat.put(0, 0, samples);
            if (!Imgcodecs.imencode(ext, mat, out)) {
                throw new IllegalStateException("OpenCV cannot encode " + ext);
            }
            return out.toArray();
        } finally {
            mat.release();
            out.release();
        }
    }

    /** A PNG signature and an IHDR claiming {@code width}x{@code height} RGB, with a valid CRC, then one tiny IDAT. */
    public static byte[] pngHeaderOnly(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        chunk(out, "IHDR", ihdr);
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] len = new byte[4];
        putInt(len, 0, data.length);
        out.writeBytes(len);
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.writeBytes(c);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    public static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
