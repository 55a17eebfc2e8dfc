package dev.aoi.worker.inspect;

import static dev.aoi.worker.TestImages.BLACK;
import static dev.aoi.worker.TestImages.GREEN;
import static dev.aoi.worker.TestImages.RED;
import static dev.aoi.worker.TestImages.WHITE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.DeadLetters.Reason;
import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.ImageRef;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.worker.TestImages;
import dev.aoi.worker.inspect.FrameOutcome.Inspected;
import dev.aoi.worker.inspect.FrameOutcome.Rejected;
import dev.aoi.worker.inspect.FrameOutcome.Unavailable;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameInspectorTest {

    @TempDir
    Path tmp;

    private static final Instant CAPTURED = Instant.parse("2026-11-23T10:00:00Z");

    private InspectorSettings settings(Path images, Path out, int batch) {
        return new InspectorSettings(List.of(images), 64_000_000L, out, out != null, out != null, out != null, 1,
                batch, "worker-test", "cpu", 2);
    }

    @Test
    void inspects_every_format_by_the_rules_and_rejects_the_bad_ones_in_order() throws IOException {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Path out = tmp.resolve("out");
        int[][] scene = TestImages.rect(32, 24, BLACK, RED, 3, 2, 5, 4);
        scene[10][20] = scene[10][21] = scene[11][20] = scene[11][21] = WHITE;
        List<ImageRef> refs = new ArrayList<>();
        refs.add(ref("png", TestImages.write(images, "a.png", TestImages.encode(TestImages.rgb(scene), "png"))));
        refs.add(ref("bmp", TestImages.write(images, "a.bmp", TestImages.encode(TestImages.rgb(scene), "bmp"))));
        refs.add(ref("tiff", TestImages.write(images, "a.tif", TestImages.encode(TestImages.rgb(scene), "tiff"))));
        refs.add(ref("jpeg", TestImages.write(images, "g.jpg", TestImages.encode(TestImages.rgb(
                TestImages.rect(64, 64, BLACK, GREEN, 16, 16, 16, 16)), "jpeg"))));
        int[][] grey16 = new int[4][8];
        for (int[] row : grey16) {
            Arrays.fill(row, 0, 4, 0xD4FF); // high byte 212: background (rounding to 213 would make it class 4)
            Arrays.fill(row, 4, 8, 0xD5FF); // high byte 213: class 4
        }
        refs.add(ref("g16", TestImages.write(images, "g16.png", TestImages.encode(TestImages.grey16(grey16), "png"))));
        refs.add(ref("ga", TestImages.write(images, "ga.png", TestImages.encode(
                TestImages.greyAlpha(new int[][] {{255, 255, 0}}, 0), "png"))));
        BufferedImage argb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00FF0000);
        refs.add(ref("rgba", TestImages.write(images, "rgba.png", TestImages.encode(argb, "png"))));
        refs.add(ref("missing", images.resolve("missing.png")));
        refs.add(ref("text", Files.writeString(images.resolve("notes.png"), "hello", StandardCharsets.UTF_8)));
        refs.add(ref("outside", Files.writeString(tmp.resolve("x.png"), "x")));
        refs.add(ref("huge", TestImages.write(images, "huge.png", TestImages.pngHeaderOnly(30000, 30000))));

        try (FrameInspector inspector = FrameInspector.open(TestImages.model("colour"), settings(images, out, 3))) {
            List<FrameOutcome> outcomes = inspector.inspect(refs);
            assertThat(outcomes).hasSize(refs.size());
            for (int i = 0; i < 3; i++) {
                InspectionResult r = inspected(outcomes.get(i));
                assertThat(area(r, 1)).as(r.imgUniqueId()).isEqualTo(20);
                assertThat(area(r, 4)).isEqualTo(4);
                assertThat(r.classes()).hasSize(4);
                assertThat(r.classes().get(1).totalRegions()).isZero();
                assertThat(r.imageWidth()).isEqualTo(32);
                assertThat(r.imageHeight()).isEqualTo(24);
                assertThat(r.workerId()).isEqualTo("worker-test");
                assertThat(r.model()).isEqualTo(inspector.model());
                assertThat(r.processingTimeSeconds()).isPositive();
                assertThat(r.resultImages()).hasSize(3).allSatisfy(p -> assertThat(Path.of(p)).isRegularFile()
                        .startsWith(out.resolve("2026/11/23/" + r.imgUniqueId())));
            }
            assertThat(area(inspected(outcomes.get(3)), 2)).isBetween(230L, 290L);
            assertThat(inspected(outcomes.get(3)).classes().get(1).totalRegions()).isEqualTo(1);
            assertThat(area(inspected(outcomes.get(4)), 4)).isEqualTo(16);
            assertThat(area(inspected(outcomes.get(5)), 4)).isEqualTo(2);
            assertThat(area(inspected(outcomes.get(6)), 1)).isEqualTo(1);
            assertThat(inspected(outcomes.get(4)).resultImages()).hasSize(3);
            assertThat(inspected(outcomes.get(5)).resultImages()).hasSize(3);
            assertRejected(outcomes.get(7), Reason.IMAGE_NOT_FOUND);
            assertRejected(outcomes.get(8), Reason.UNREADABLE_IMAGE);
            assertRejected(outcomes.get(9), Reason.OUTSIDE_ALLOWED_ROOTS);
            assertRejected(outcomes.get(10), Reason.IMAGE_TOO_LARGE);
        }
    }

    @Test
    void a_model_failure_rejects_only_the_frame_that_causes_it() {
        Path images = tmp;
        List<ImageRef> refs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int background = i == 1 ? RED : BLACK; // a red top-left pixel makes this model fail
            refs.add(ref("f" + i, TestImages.write(images, "f" + i + ".png",
                    TestImages.encode(TestImages.rgb(TestImages.rect(16, 16, background, GREEN, 4, 4, 3, 3)), "png"))));
        }
        try (FrameInspector inspector = FrameInspector.open(TestImages.model("poison_top_left_red"),
                settings(images, null, 4))) {
            List<FrameOutcome> outcomes = inspector.inspect(refs);
            assertThat(area(inspected(outcomes.get(0)), 2)).isEqualTo(9);
            assertRejected(outcomes.get(1), Reason.INFERENCE_FAILURE);
            assertThat(((Rejected) outcomes.get(1)).detail()).contains("f1.png").contains("Gather");
            assertThat(area(inspected(outcomes.get(2)), 2)).isEqualTo(9);
            assertThat(area(inspected(outcomes.get(3)), 2)).isEqualTo(9);
            assertThat(inspected(outcomes.get(0)).resultImages()).isEmpty();
        }
    }

    @Test
    void an_unwritable_output_root_makes_frames_unavailable_not_poison() throws IOException {
        Path image = TestImages.write(tmp, "a.png", TestImages.encode(TestImages.rgb(new int[][] {{RED}}), "png"));
        Path notADir = Files.writeString(tmp.resolve("out"), "file");
        try (FrameInspector inspector = FrameInspector.open(TestImages.model("colour"), settings(tmp, notADir, 2))) {
            assertThat(inspector.inspect(List.of(ref("a", image)))).singleElement().isInstanceOf(Unavailable.class);
        }
    }

    @Test
    void an_empty_list_gives_no_outcomes() {
        try (FrameInspector inspector = FrameInspector.open(TestImages.model("colour"), settings(tmp, null, 2))) {
            assertThat(inspector.inspect(List.of())).isEmpty();
        }
    }

    @Test
    void tells_the_stage_timer_about_every_stage_of_every_frame() throws IOException {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Path out = tmp.resolve("out");
        List<ImageRef> refs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            refs.add(ref("t" + i, TestImages.write(images, "t" + i + ".png", TestImages.encode(
                    TestImages.rgb(TestImages.rect(16, 16, BLACK, RED, 2, 2, 4, 4)), "png"))));
        }
        Map<StageTimer.Stage, AtomicInteger> calls = new ConcurrentHashMap<>();
        StageTimer timer = (stage, nanos) -> {
            assertThat(nanos).isNotNegative();
            calls.computeIfAbsent(stage, k -> new AtomicInteger()).incrementAndGet();
        };
        try (FrameInspector inspector = FrameInspector.open(TestImages.model("colour"), settings(images, out, 2), 0,
                timer)) {
            assertThat(inspector.inspect(refs)).allMatch(o -> o instanceof Inspected);
        }
        // decode, measure and render once per frame; inference once per batch of two (5 frames: 3 batches)
        assertThat(calls.get(StageTimer.Stage.DECODE)).hasValue(5);
        assertThat(calls.get(StageTimer.Stage.MEASURE)).hasValue(5);
        assertThat(calls.get(StageTimer.Stage.RENDER)).hasValue(5);
        assertThat(calls.get(StageTimer.Stage.INFERENCE)).hasValue(3);
    }

    private static ImageRef ref(String id, Path file) {
        return ImageRef.of(id, file.toString(), CAPTURED);
    }

    private static InspectionResult inspected(FrameOutcome outcome) {
        assertThat(outcome).isInstanceOf(Inspected.class);
        return ((Inspected) outcome).result();
    }

    private static long area(InspectionResult r, int classId) {
        return r.classes().stream().filter(c -> c.classId() == classId).mapToLong(ClassResult::totalAreaPixels)
                .sum();
    }

    private static void assertRejected(FrameOutcome outcome, Reason reason) {
        assertThat(outcome).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.reason()).as(r.detail()).isEqualTo(reason));
    }
}
