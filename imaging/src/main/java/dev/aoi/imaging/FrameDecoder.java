package dev.aoi.imaging;

import static dev.aoi.common.DeadLetters.Reason.IMAGE_TOO_LARGE;
import static dev.aoi.common.DeadLetters.Reason.UNREADABLE_IMAGE;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Turns PNG, JPEG, BMP and TIFF bytes into an 8-bit RGB {@link Frame} by the rules of docs/model.md: grey is replicated,
 * alpha ignored, 16-bit samples keep their high byte ({@code v >> 8}, not rounded). The header is read first with
 * {@code javax.imageio} (no pixels decoded) and an image above the pixel limit is refused before any pixel buffer
 * exists; the pixels are then decoded by OpenCV's {@code imdecode}, several times faster than ImageIO.
 * Thread-safe.
 */
public final class FrameDecoder {

    /** docs/model.md's default limit: 64 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 64_000_000L;

    private static final Set<String> FORMATS = Set.of("png", "jpeg", "bmp", "tif", "tiff");

    private final long maxPixels;

    public FrameDecoder(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maximum pixel count must be positive, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
        OpenCvLoader.ensureLoaded();
    }

    public long maxPixels() {
        return maxPixels;
    }

    /** The largest file worth reading: the limit's pixels as uncompressed 16-bit RGBA, plus room for metadata. */
    public long maxFileBytes() {
        return maxPixels * 8 + (16L << 20);
    }

    /** Decodes {@code bytes}; {@code name} only labels errors. */
    public Frame decode(byte[] bytes, String name) {
        ImageHeader header = readHeader(bytes, name);
        if (header.pixels() > maxPixels) {
            throw new FrameRejectedException(IMAGE_TOO_LARGE, name + " declares " + header.width() + "x"
                    + header.height() + " = " + header.pixels() + " pixels, more than the " + maxPixels + " allowed");
        }
        if (header.format().equals("jpeg") && !endsAfterLastScan(bytes)) {
            // libjpeg only warns about a truncated file and fills the rest with grey: refuse it instead.
            throw new FrameRejectedException(UNREADABLE_IMAGE, name + " is a truncated JPEG (no end marker)");
        }
        Mat encoded = new MatOfByte(bytes);
        Mat decoded = null;
        try {
            decoded = Imgcodecs.imdecode(encoded, Imgcodecs.IMREAD_UNCHANGED);
            if (decoded.empty()) {
                throw new FrameRejectedException(UNREADABLE_IMAGE, name + " is a corrupt or truncated "
                        + header.format().toUpperCase(Locale.ROOT) + " image");
            }
            if (decoded.cols() != header.width() || decoded.rows() != header.height()) {
                throw new FrameRejectedException(UNREADABLE_IMAGE, name + " decodes to " + decoded.cols() + "x"
                        + decoded.rows() + " but its header says " + header.width() + "x" + header.height());
            }
            return toRgb(decoded, name);
        } finally {
            encoded.release();
            if (decoded != null) {
                decoded.release();
            }
        }
    }

    /** Reads only the header: format and size. */
    public static ImageHeader readHeader(byte[] bytes, String name) {
        if (bytes.length == 0) {
            throw new FrameRejectedException(UNREADABLE_IMAGE, name + " is an empty file");
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            return readHeader(in, name);
        } catch (IOException e) {
            throw new FrameRejectedException(UNREADABLE_IMAGE, name + " has a corrupt image header: " + e.getMessage(), e);
        }
    }

    /**
     * Reads only the header of the file at {@code path}, touching no more of it than the header needs (a few bytes
     * for PNG and BMP, up to the frame header for JPEG): how the worker sizes a frame before it decodes any.
     */
    public static ImageHeader readHeader(Path path) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) {
                throw new IOException("cannot open " + path);
            }
            return readHeader(in, path.toString());
        }
    }

    private static ImageHeader readHeader(ImageInputStream in, String name) {
        try {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    String format = formatOf(reader);
                    if (format == null) {
                        continue;
                    }
                    reader.setInput(in, true, true);
                    return new ImageHeader(format, reader.getWidth(0), reader.getHeight(0));
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new FrameRejectedException(UNREADABLE_IMAGE, name + " has a corrupt image header: " + e.getMessage(), e);
        }
        throw new FrameRejectedException(UNREADABLE_IMAGE, name + " is not a PNG, JPEG, BMP or TIFF image");
    }

    private static String formatOf(ImageReader reader) {
        for (String format : reader.getOriginatingProvider().getFormatNames()) {
            String lower = format.toLowerCase(Locale.ROOT);
            if (FORMATS.contains(lower)) {
                return lower.startsWith("tif") ? "tiff" : lower;
            }
        }
        return null;
    }

    /** True when an end-of-image marker follows the last start-of-scan (entropy data cannot contain either). */
    private static boolean endsAfterLastScan(byte[] b) {
        int lastEoi = -1;
        for (int i = b.length - 2; i >= 0; i--) {
            if ((b[i] & 0xFF) == 0xFF) {
                int m = b[i + 1] & 0xFF;
                if (m == 0xD9 && lastEoi < 0) {
                    lastEoi = i;
                } else if (m == 0xDA) {
                    return lastEoi > i;
                }
            }
        }
        return false;
    }

    private static Frame toRgb(Mat image, String name) {
        int width = image.cols();
        int height = image.rows();
        int channels = image.channels();
        int depth = image.depth();
        if (channels < 1 || channels > 4 || (depth != CvType.CV_8U && depth != CvType.CV_16U)) {
            throw new FrameRejectedException(UNREADABLE_IMAGE, name + " has " + channels + " channels of "
                    + CvType.typeToString(image.type()) + "; only 8- and 16-bit grey, grey+alpha, RGB and RGBA are accepted");
        }
        byte[] rgb = new byte[3 * width * height];
        if (depth == CvType.CV_16U) {
            highBytesToRgb(image, channels, rgb);
        } else if (channels == 2) {
            byte[] samples = new byte[2 * width * height];
            image.get(0, 0, samples);
            for (int i = 0, p = 0; p < rgb.length; i += 2, p += 3) {
                rgb[p] = rgb[p + 1] = rgb[p + 2] = samples[i];
            }
        } else {
            Mat out = new Mat();
            try {
                int code = channels == 1 ? Imgproc.COLOR_GRAY2RGB
                        : channels == 3 ? Imgproc.COLOR_BGR2RGB : Imgproc.COLOR_BGRA2RGB;
                Imgproc.cvtColor(image, out, code);
                out.get(0, 0, rgb);
            } finally {
                out.release();
            }
        }
        return new Frame(width, height, rgb);
    }

    /** OpenCV's own conversion rounds (v / 257); the contract keeps the high byte. */
    private static void highBytesToRgb(Mat image, int channels, byte[] rgb) {
        short[] samples = new short[channels * image.cols() * image.rows()];
        image.get(0, 0, samples);
        for (int i = 0, p = 0; p < rgb.length; i += channels, p += 3) {
            if (channels <= 2) {
                rgb[p] = rgb[p + 1] = rgb[p + 2] = (byte) (samples[i] >> 8);
            } else {
                rgb[p] = (byte) (samples[i + 2] >> 8);
                rgb[p + 1] = (byte) (samples[i + 1] >> 8);
                rgb[p + 2] = (byte) (samples[i] >> 8);
            }
        }
    }
}
