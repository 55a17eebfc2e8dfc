package dev.aoi.imaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The class map as an 8-bit greyscale PNG, pixel value = class id, written straight from the map's bytes.
 *
 * <p>Why not OpenCV's or ImageIO's PNG writer: both run libpng-style adaptive row filtering, which on a class
 * map (a few values in long runs) buys nothing and costs most of the time. No filter (type 0 on every row) and
 * zlib level 1 from {@link Deflater}: measured on a 1792² map with 50 regions, 4.4 ms and 23 KB, against OpenCV
 * 15 ms (level 1, RLE strategy, 10 KB) and ImageIO 14–77 ms. The format is PNG 1.2: signature, IHDR, one IDAT,
 * IEND; any PNG reader decodes it. Thread-safe.
 */
final class ClassMapPng {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int LEVEL = 1;

    private ClassMapPng() {
    }

    static byte[] encode(ClassMap map) {
        int width = map.width();
        int height = map.height();
        byte[] data = map.data();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, width * height / 64));
        out.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8; // bit depth
        header[9] = 0; // colour type: greyscale
        // compression 0 (deflate), filter method 0, no interlace: bytes 10..12 stay 0
        chunk(out, "IHDR", header, header.length);
        Deflater deflater = new Deflater(LEVEL);
        try {
            ByteArrayOutputStream idat = new ByteArrayOutputStream(Math.max(1024, width * height / 64));
            byte[] row = new byte[width + 1]; // row[0] = 0: filter type None
            byte[] buffer = new byte[64 * 1024];
            for (int y = 0; y < height; y++) {
                System.arraycopy(data, y * width, row, 1, width);
                deflater.setInput(row);
                while (!deflater.needsInput()) {
                    idat.write(buffer, 0, deflater.deflate(buffer));
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                idat.write(buffer, 0, deflater.deflate(buffer));
            }
            byte[] compressed = idat.toByteArray();
            chunk(out, "IDAT", compressed, compressed.length);
        } finally {
            deflater.end();
        }
        chunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
        byte[] word = new byte[4];
        putInt(word, 0, length);
        out.writeBytes(word);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(name);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data, 0, length);
        putInt(word, 0, (int) crc.getValue());
        out.writeBytes(word);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
