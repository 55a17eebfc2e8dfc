package dev.aoi.console.files;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Pictures cut from a frame's files with the JDK's ImageIO: a region's crop (only the box plus a margin is decoded
 * into memory), a thumbnail (decoded with subsampling), and one class's overlay from the class map (pixel value =
 * class id) as a transparent PNG in the class's colour.
 */
public final class FrameImages {

    /** Class colours (RGB), the same hues as the worker's overlay: 1 red, 2 orange, 3 cyan, 4 magenta, ... */
    private static final int[] COLOURS = {0x000000, 0xFF2828, 0xFFAA00, 0x00DCFF, 0xFF3CFF, 0x3CFF3C, 0x2878FF};

    private FrameImages() {
    }

    /** The class's display colour as {@code #rrggbb}. */
    public static String colour(int classId) {
        int rgb = classId > 0 && classId < COLOURS.length ? COLOURS[classId]
                : java.awt.Color.HSBtoRGB((float) ((classId * 137.508) % 360 / 360), 0.8f, 1f) & 0xFFFFFF;
        return String.format("#%06x", rgb);
    }

    /** PNG of the box {@code (x, y, w, h)} grown by {@code margin} on each side, clipped to the image. */
    public static byte[] crop(Path file, int x, int y, int w, int h, int margin) {
        return crop(file.toFile(), file.getFileName().toString(), x, y, w, h, margin);
    }

    /** {@link #crop(Path, int, int, int, int, int)} of an encoded image in memory. */
    public static byte[] crop(byte[] image, String name, int x, int y, int w, int h, int margin) {
        return crop(new java.io.ByteArrayInputStream(image), name, x, y, w, h, margin);
    }

    private static byte[] crop(Object source, String name, int x, int y, int w, int h, int margin) {
        return read(source, name, reader -> {
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            int left = Math.max(0, x - margin);
            int top = Math.max(0, y - margin);
            int right = Math.min(width, x + w + margin);
            int bottom = Math.min(height, y + h + margin);
            if (right <= left || bottom <= top) {
                throw new IllegalArgumentException("the box lies outside the " + width + "x" + height + " image");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceRegion(new Rectangle(left, top, right - left, bottom - top));
            return png(reader.read(0, param));
        });
    }

    /** JPEG no wider or taller than about {@code maxSide}, decoded with subsampling (cheap even for big frames). */
    public static byte[] thumbnail(Path file, int maxSide) {
        return read(file.toFile(), file.getFileName().toString(), reader -> {
            int step = Math.max(1, (int) Math.ceil(Math.max(reader.getWidth(0), reader.getHeight(0)) / (double) maxSide));
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            BufferedImage img = reader.read(0, param);
            BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(img, 0, 0, null);
            return encode(rgb, "jpg");
        });
    }

    /** Transparent PNG, the class map's size, tinted where the class map equals {@code classId}. */
    public static byte[] classOverlay(Path classMap, int classId) {
        return read(classMap.toFile(), classMap.getFileName().toString(), reader -> {
            Raster raster = reader.read(0).getRaster();
            int w = raster.getWidth();
            int h = raster.getHeight();
            int argb = 0xB0000000 | Integer.parseInt(colour(classId).substring(1), 16);
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            int[] row = new int[w];
            int[] pixels = new int[w];
            for (int yy = 0; yy < h; yy++) {
                raster.getSamples(0, yy, w, 1, 0, row);
                for (int xx = 0; xx < w; xx++) {
                    pixels[xx] = row[xx] == classId ? argb : 0;
                }
                out.setRGB(0, yy, w, 1, pixels, 0, w);
            }
            return png(out);
        });
    }

    private interface ReaderTask {
        byte[] apply(ImageReader reader) throws IOException;
    }

    /** {@code source}: a File or an InputStream, as {@link ImageIO#createImageInputStream} takes them. */
    private static byte[] read(Object source, String name, ReaderTask task) {
        try (ImageInputStream in = ImageIO.createImageInputStream(source)) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IllegalArgumentException("not an image the console can read: " + name);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return task.apply(reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static byte[] png(BufferedImage image) throws IOException {
        return encode(image, "png");
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("no " + format + " writer");
        }
        return out.toByteArray();
    }
}
