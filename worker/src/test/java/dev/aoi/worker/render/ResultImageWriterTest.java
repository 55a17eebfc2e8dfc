package dev.aoi.worker.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.ImageRef;
import dev.aoi.imaging.ClassMap;
import dev.aoi.imaging.Frame;
import dev.aoi.imaging.FrameDecoder;
import dev.aoi.worker.vision.RegionMeasurer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

class ResultImageWriterTest {

    @TempDir
    Path root;

    private static final Instant CAPTURED = OffsetDateTime.parse("2026-03-04T23:30:00-02:00").toInstant();
    private static final List<String> NAMES = List.of("a", "b", "c", "d");

    @Test
    void writes_the_enabled_images_in_the_dated_layout() throws IOException {
        ResultImageWriter writer = new ResultImageWriter(root, EnumSet.allOf(ResultImage.class));
        Frame frame = grey(40, 30);
        ClassMap map = squares(40, 30);
        List<ClassResult> classes = new RegionMeasurer(NAMES, 1).measure(map);
        ImageRef ref = ImageRef.of("panel-7:cam2", "/x.png", CAPTURED);
        List<String> paths = writer.write(ref, frame, map, classes);
        Path dir = root.resolve("2026/03/05/panel-7:cam2");
        assertThat(paths).containsExactly(dir.resolve("classmap.png").toString(), dir.resolve("overlay.jpg").toString(),
                dir.resolve("defects.jpg").toString());
        Mat png = decode(dir.resolve("classmap.png"));
        try {
            assertThat(png.type()).isEqualTo(CvType.CV_8UC1);
            byte[] back = new byte[40 * 30];
            png.get(0, 0, back);
            assertThat(back).isEqualTo(map.data());
        } finally {
            png.release();
        }
        Mat overlay = decode(dir.resolve("overlay.jpg"));
        try {
            assertThat(overlay.cols()).isEqualTo(40);
            assertThat(overlay.rows()).isEqualTo(30);
            double[] inside = overlay.get(6, 6); // class 1 (red tint): more red than the grey frame
            assertThat(inside[2]).isGreaterThan(inside[0] + 40);
        } finally {
            overlay.release();
        }
        assertThat(Files.size(dir.resolve("defects.jpg"))).isPositive();
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).doesNotContain("tmp");
        }
    }

    @Test
    void a_clean_frame_gets_only_its_class_map_and_a_clean_reprocess_removes_the_old_overlay_and_sheet() {
        ResultImageWriter writer = new ResultImageWriter(root, EnumSet.allOf(ResultImage.class));
        ImageRef ref = ImageRef.of("p1", "/x.png", CAPTURED);
        ClassMap dirty = squares(40, 30);
        assertThat(writer.write(ref, grey(40, 30), dirty, new RegionMeasurer(NAMES, 1).measure(dirty))).hasSize(3);
        ClassMap clean = ClassMap.of(new byte[40 * 30], 40, 30);
        assertThat(writer.write(ref, grey(40, 30), clean, new RegionMeasurer(NAMES, 1).measure(clean)))
                .containsExactly(writer.folder(ref).resolve("classmap.png").toString());
        assertThat(writer.folder(ref).resolve("overlay.jpg")).doesNotExist();
        assertThat(writer.folder(ref).resolve("defects.jpg")).doesNotExist();
    }

    @Test
    void dot_ids_stay_inside_their_day_folder_and_nothing_is_written_when_disabled() {
        ResultImageWriter writer = new ResultImageWriter(root, EnumSet.of(ResultImage.CLASS_MAP));
        ImageRef ref = ImageRef.of("..", "/x.png", CAPTURED);
        List<String> paths = writer.write(ref, grey(4, 4), ClassMap.of(new byte[16], 4, 4), List.of());
        assertThat(Path.of(paths.get(0))).isEqualTo(root.resolve("2026/03/05/%2E%2E/classmap.png"));
        ResultImageWriter none = new ResultImageWriter(null, EnumSet.noneOf(ResultImage.class));
        assertThat(none.write(ref, grey(4, 4), ClassMap.of(new byte[16], 4, 4), List.of())).isEmpty();
    }

    @Test
    void an_unwritable_root_is_an_io_fault() throws IOException {
        Path file = Files.writeString(root.resolve("not-a-dir"), "x");
        ResultImageWriter writer = new ResultImageWriter(file, EnumSet.of(ResultImage.CLASS_MAP));
        assertThatThrownBy(() -> writer.write(ImageRef.of("p", "/x.png", CAPTURED), grey(4, 4),
                ClassMap.of(new byte[16], 4, 4), List.of())).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot write result images of p");
    }

    @Test
    void sixteen_bit_and_rgba_frames_give_result_images_that_decode() throws IOException {
        ResultImageWriter writer = new ResultImageWriter(root, EnumSet.allOf(ResultImage.class));
        FrameDecoder decoder = new FrameDecoder(FrameDecoder.DEFAULT_MAX_PIXELS);
        Mat deep = new Mat(30, 40, CvType.CV_16UC3, new Scalar(100 << 8, 100 << 8, 100 << 8));
        Mat rgba = new Mat(30, 40, CvType.CV_8UC4, new Scalar(100, 100, 100, 7));
        try {
            for (Mat input : List.of(deep, rgba)) {
                MatOfByte png = new MatOfByte();
                Imgcodecs.imencode(".png", input, png);
                Frame frame = decoder.decode(png.toArray(), "input.png");
                png.release();
                ClassMap map = squares(40, 30);
                ImageRef ref = ImageRef.of("deep-" + input.channels(), "/x.png", CAPTURED);
                List<String> paths = writer.write(ref, frame, map, new RegionMeasurer(NAMES, 1).measure(map));
                assertThat(paths).hasSize(3);
                Mat overlay = decode(Path.of(paths.get(1)));
                try {
                    assertThat(overlay.cols()).isEqualTo(40);
                    assertThat(overlay.rows()).isEqualTo(30);
                    assertThat(overlay.get(25, 35)[1]).as("the grey frame away from the regions").isBetween(95.0, 105.0);
                } finally {
                    overlay.release();
                }
                Mat sheet = decode(Path.of(paths.get(2)));
                try {
                    assertThat(sheet.empty()).isFalse();
                } finally {
                    sheet.release();
                }
            }
        } finally {
            deep.release();
            rgba.release();
        }
    }

    private static Frame grey(int w, int h) {
        byte[] rgb = new byte[3 * w * h];
        java.util.Arrays.fill(rgb, (byte) 100);
        return new Frame(w, h, rgb);
    }

    /** Class 1 at (2..9, 2..9), class 3 at (20..24, 10..12). */
    private static ClassMap squares(int w, int h) {
        byte[] data = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                data[y * w + x] = (byte) (x >= 2 && x < 10 && y >= 2 && y < 10 ? 1
                        : x >= 20 && x < 25 && y >= 10 && y < 13 ? 3 : 0);
            }
        }
        return ClassMap.of(data, w, h);
    }

    private static Mat decode(Path file) throws IOException {
        MatOfByte bytes = new MatOfByte(Files.readAllBytes(file));
        try {
            return Imgcodecs.imdecode(bytes, Imgcodecs.IMREAD_UNCHANGED);
        } finally {
            bytes.release();
        }
    }
}
