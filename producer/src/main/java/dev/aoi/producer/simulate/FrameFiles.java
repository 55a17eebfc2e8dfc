package dev.aoi.producer.simulate;

import dev.aoi.common.synthetic.SyntheticFrame;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Writes frames and masks as image files, each atomically (write to a dot-file, then rename), so no reader sees half a file. */
public final class FrameFiles {

    /** File format of the frame itself; masks are always PNG (lossless class ids). */
    public enum Format {
        PNG("png"),
        JPEG("jpg");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }

        /** {@code png}, {@code jpg} or {@code jpeg}, any case. */
        public static Format parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "png" -> PNG;
                case "jpg", "jpeg" -> JPEG;
                default -> throw new IllegalArgumentException("unknown frame format '" + text + "': use png or jpg");
            };
        }
    }

    private static final float JPEG_QUALITY = 0.92f;

    private FrameFiles() {
    }

    /** Writes {@code frame} to {@code dir/name.<ext>} and returns the path. */
    public static Path writeFrame(SyntheticFrame frame, Path dir, String name, Format format) throws IOException {
        Path target = dir.resolve(name + "." + format.extension());
        writeAtomically(frame.image(), format, target);
        return target;
    }

    /** Writes the class mask of {@code frame} to {@code dir/name_mask.png} and returns the path. */
    public static Path writeMask(SyntheticFrame frame, Path dir, String name) throws IOException {
        Path target = dir.resolve(name + "_mask.png");
        writeAtomically(frame.maskImage(), Format.PNG, target);
        return target;
    }

    static void writeAtomically(BufferedImage image, Format format, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        try {
            if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                // temp files start owner-only; frames are read by workers that may run as another user
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (OutputStream out = Files.newOutputStream(temp)) {
                encode(image, format, out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void encode(BufferedImage image, Format format, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format == Format.PNG ? "png" : "jpeg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == Format.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            } else if (param.canWriteCompressed()) {
                // a faster deflate level: frames are written far more often than they are archived
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.75f);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
