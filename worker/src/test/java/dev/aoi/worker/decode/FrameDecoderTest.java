package dev.aoi.worker.decode;

import dev.aoi.imaging.Frame;
import dev.aoi.imaging.FrameDecoder;
import dev.aoi.imaging.FrameRejectedException;
import dev.aoi.imaging.ImageHeader;
import static dev.aoi.worker.TestImages.BLUE;
import static dev.aoi.worker.TestImages.GREEN;
import static dev.aoi.worker.TestImages.RED;
import static dev.aoi.worker.TestImages.WHITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import dev.aoi.common.DeadLetters.Reason;
import dev.aoi.worker.TestImages;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;

class FrameDecoderTest {

    private final FrameDecoder decoder = new FrameDecoder(FrameDecoder.DEFAULT_MAX_PIXELS);
    private static final int[][] PATTERN = {{RED, GREEN}, {BLUE, WHITE}};

    @Test
    void lossless_formats_decode_to_exact_rgb() {
        for (String format : new String[] {"png", "bmp", "tiff"}) {
            Frame frame = decoder.decode(TestImages.encode(TestImages.rgb(PATTERN), format), format);
            assertThat(frame.width()).isEqualTo(2);
            assertThat(frame.height()).isEqualTo(2);
            assertThat(pixel(frame, 0, 0)).as(format).isEqualTo(RED);
            assertThat(pixel(frame, 1, 0)).as(format).isEqualTo(GREEN);
            assertThat(pixel(frame, 0, 1)).as(format).isEqualTo(BLUE);
            assertThat(pixel(frame, 1, 1)).as(format).isEqualTo(WHITE);
        }
    }

    @Test
    void jpeg_keeps_the_colours_in_rgb_order() {
        Frame frame = decoder.decode(TestImages.encode(TestImages.rgb(TestImages.rect(16, 16, RED, RED, 0, 0, 0, 0)),
                "jpeg"), "red.jpg");
        int p = pixel(frame, 8, 8);
        assertThat(p >> 16).isGreaterThan(240);
        assertThat((p >> 8) & 0xFF).isLessThan(16);
        assertThat(p & 0xFF).isLessThan(16);
    }

    @Test
    void alpha_is_ignored_not_premultiplied() {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00FF0000); // transparent red
        argb.setRGB(1, 0, 0x8000FF00); // half-transparent green
        Frame frame = decoder.decode(TestImages.encode(argb, "png"), "rgba.png");
        assertThat(pixel(frame, 0, 0)).isEqualTo(RED);
        assertThat(pixel(frame, 1, 0)).isEqualTo(GREEN);
    }

    @Test
    void grey_and_grey_alpha_are_replicated() {
        Frame grey = decoder.decode(TestImages.encode(TestImages.greyAlpha(new int[][] {{7, 250}}, 0), "png"), "ga.png");
        assertThat(pixel(grey, 0, 0)).isEqualTo(0x070707);
        assertThat(pixel(grey, 1, 0)).isEqualTo(0xFAFAFA);
        BufferedImage g8 = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        g8.getRaster().setSample(0, 0, 0, 99);
        assertThat(pixel(decoder.decode(TestImages.encode(g8, "png"), "g.png"), 0, 0)).isEqualTo(0x636363);
    }

    @Test
    void sixteen_bit_keeps_the_high_byte_not_a_rounded_value() {
        // 0x12FF: high byte 0x12 = 18; rounding (v/257 or v/256) would give 19
        Frame grey = decoder.decode(TestImages.encode(TestImages.grey16(new int[][] {{0x12FF, 0xFFFF, 0x00FF}}),
                "png"), "g16.png");
        assertThat(pixel(grey, 0, 0)).isEqualTo(0x121212);
        assertThat(pixel(grey, 1, 0)).isEqualTo(0xFFFFFF);
        assertThat(pixel(grey, 2, 0)).isEqualTo(0x000000);
        // OpenCV stores B, G, R: this pixel is R = 0xAB80, G = 0x34FF, B = 0x01FF
        short[] bgr = {(short) 0x01FF, (short) 0x34FF, (short) 0xAB80};
        for (String ext : new String[] {".png", ".tiff"}) {
            Frame colour = decoder.decode(TestImages.opencvEncode(1, 1, CvType.CV_16UC3, bgr, ext), ext);
            assertThat(pixel(colour, 0, 0)).as(ext).isEqualTo(0xAB3401);
        }
        short[] bgra = {(short) 0x01FF, (short) 0x34FF, (short) 0xAB80, 0};
        assertThat(pixel(decoder.decode(TestImages.opencvEncode(1, 1, CvType.CV_16UC4, bgra, ".png"), "a"), 0, 0))
                .isEqualTo(0xAB3401);
    }

    @Test
    void palette_and_one_bit_images_expand_to_their_colours() {
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED);
        indexed.setRGB(0, 0, RED);
        indexed.setRGB(1, 0, WHITE);
        for (String format : new String[] {"png", "bmp", "tiff"}) {
            Frame frame = decoder.decode(TestImages.encode(indexed, format), format);
            assertThat(pixel(frame, 0, 0)).as(format).isEqualTo(indexed.getRGB(0, 0) & 0xFFFFFF);
            assertThat(pixel(frame, 1, 0)).as(format).isEqualTo(WHITE);
        }
        BufferedImage bits = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY);
        bits.setRGB(1, 0, WHITE);
        Frame frame = decoder.decode(TestImages.encode(bits, "png"), "1bit.png");
        assertThat(pixel(frame, 0, 0)).isEqualTo(0);
        assertThat(pixel(frame, 1, 0)).isEqualTo(WHITE);
    }

    @Test
    void broken_files_are_unreadable() {
        byte[] png = TestImages.encode(TestImages.rgb(TestImages.rect(64, 64, RED, BLUE, 5, 5, 40, 40)), "png");
        byte[] jpeg = TestImages.encode(TestImages.rgb(TestImages.rect(64, 64, RED, BLUE, 5, 5, 40, 40)), "jpeg");
        byte[] bmp = TestImages.encode(TestImages.rgb(TestImages.rect(64, 64, RED, BLUE, 5, 5, 40, 40)), "bmp");
        byte[] tiff = TestImages.encode(TestImages.rgb(TestImages.rect(64, 64, RED, BLUE, 5, 5, 40, 40)), "tiff");
        assertRejected(new byte[0], Reason.UNREADABLE_IMAGE, "empty");
        assertRejected("this is not an image\n".getBytes(StandardCharsets.UTF_8), Reason.UNREADABLE_IMAGE,
                "not a PNG, JPEG, BMP or TIFF");
        assertRejected(Arrays.copyOf(png, png.length / 2), Reason.UNREADABLE_IMAGE, "");
        assertRejected(Arrays.copyOf(jpeg, jpeg.length - 30), Reason.UNREADABLE_IMAGE, "truncated");
        assertRejected(Arrays.copyOf(jpeg, jpeg.length / 2), Reason.UNREADABLE_IMAGE, "");
        assertRejected(Arrays.copyOf(bmp, bmp.length / 2), Reason.UNREADABLE_IMAGE, "");
        assertRejected(Arrays.copyOf(tiff, tiff.length / 2), Reason.UNREADABLE_IMAGE, "");
        assertRejected(Arrays.copyOf(png, 20), Reason.UNREADABLE_IMAGE, "");
    }

    @Test
    void a_header_above_the_pixel_limit_is_refused_before_decoding() {
        byte[] huge = TestImages.pngHeaderOnly(30000, 30000);
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> decoder.decode(huge, "huge.png"))
                .isInstanceOfSatisfying(FrameRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.IMAGE_TOO_LARGE);
                    assertThat(e.detail()).contains("30000x30000");
                });
        // 30000² RGB would be 2.7 GB; the header check allocates next to nothing
        assertThat(mx.getCurrentThreadAllocatedBytes() - before).isLessThan(8L << 20);
        assertThat(FrameDecoder.readHeader(huge, "huge.png")).isEqualTo(new ImageHeader("png", 30000, 30000));
        FrameDecoder small = new FrameDecoder(3);
        assertThatThrownBy(() -> small.decode(TestImages.encode(TestImages.rgb(PATTERN), "bmp"), "four.bmp"))
                .isInstanceOfSatisfying(FrameRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.IMAGE_TOO_LARGE));
    }

    private void assertRejected(byte[] bytes, Reason reason, String detailPart) {
        assertThatThrownBy(() -> decoder.decode(bytes, "x"))
                .isInstanceOfSatisfying(FrameRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.detail()).contains(detailPart);
                });
    }

    static int pixel(Frame frame, int x, int y) {
        int i = 3 * (y * frame.width() + x);
        byte[] p = frame.rgb();
        return (p[i] & 0xFF) << 16 | (p[i + 1] & 0xFF) << 8 | (p[i + 2] & 0xFF);
    }
}
