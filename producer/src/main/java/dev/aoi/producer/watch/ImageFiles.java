package dev.aoi.producer.watch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;

/** Which files are frames, and whether a PNG or JPEG has its end marker yet (cheap evidence it is complete). */
public final class ImageFiles {

    /** Extensions of the formats the workers decode (docs/model.md). */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "tif", "tiff");

    private static final byte[] PNG_IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    private ImageFiles() {
    }

    /** The lower-case extension of {@code name}, or "" when it has none. */
    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** True for a frame file name: a known image extension, not hidden, not a temporary of a write-then-rename. */
    public static boolean isFrameName(String name) {
        return !name.startsWith(".") && !name.endsWith(".part") && !name.endsWith(".tmp")
                && EXTENSIONS.contains(extension(name));
    }

    /** True unless the file is a PNG or JPEG whose end marker is missing (other formats: always true). */
    public static boolean hasCompleteTrailer(Path file, long size) throws IOException {
        String ext = extension(file.getFileName().toString());
        if (!ext.equals("png") && !ext.equals("jpg") && !ext.equals("jpeg")) {
            return true;
        }
        int tail = ext.equals("png") ? PNG_IEND.length : 2;
        if (size < tail) {
            return false;
        }
        ByteBuffer buf = ByteBuffer.allocate(tail);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long at = size - tail;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, at + buf.position());
                if (n < 0) {
                    return false;
                }
            }
        }
        byte[] b = buf.array();
        if (ext.equals("png")) {
            for (int i = 4; i < PNG_IEND.length; i++) { // skip the length field (always 0 anyway)
                if (b[i] != PNG_IEND[i]) {
                    return false;
                }
            }
            return true;
        }
        return (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD9;
    }
}
