package dev.aoi.worker.inference;

import static dev.aoi.worker.TestImages.BLACK;
import static dev.aoi.worker.TestImages.BLUE;
import static dev.aoi.worker.TestImages.GREEN;
import static dev.aoi.worker.TestImages.RED;
import static dev.aoi.worker.TestImages.WHITE;
import static dev.aoi.worker.TestImages.YELLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.aoi.imaging.ClassMap;
import dev.aoi.imaging.Frame;
import dev.aoi.worker.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OnnxSegmenterTest {

    private static final OnnxSegmenter.Options CPU = new OnnxSegmenter.Options("cpu", 1);

    @Test
    void colour_model_paints_the_expected_classes_and_ties_go_low() throws Exception {
        try (OnnxSegmenter s = OnnxSegmenter.open(TestImages.model("colour"), CPU)) {
            ClassMap map = s.segment(frame(new int[][] {{BLACK, RED, GREEN}, {BLUE, WHITE, YELLOW}, {0x808080, 0xD4D4D4, 0xD5D5D5}}));
            assertThat(map.width()).isEqualTo(3);
            assertThat(map.height()).isEqualTo(3);
            assertThat(map.data()).containsExactly(0, 1, 2, 3, 4, 1, 0, 0, 4);
            assertThat(s.classNames()).containsExactly("PI_Particle", "PR_Peeling", "Copper_Nodule", "Env_Particle");
            assertThat(s.modelInfo().name()).isEqualTo("colour-test");
            byte[] bytes = Files.readAllBytes(TestImages.model("colour"));
            assertThat(s.modelInfo().sha256())
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        }
    }

    @Test
    void without_metadata_the_default_names_and_the_file_name_apply() {
        try (OnnxSegmenter s = OnnxSegmenter.open(TestImages.model("colour_no_metadata"), CPU)) {
            assertThat(s.classNames()).isEqualTo(ModelContract.DEFAULT_CLASSES);
            assertThat(s.modelInfo().name()).isEqualTo("colour_no_metadata");
        }
    }

    @Test
    void half_resolution_output_is_resized_nearest_to_the_frame() {
        Random random = new Random(7);
        int w = 9;
        int h = 7;
        int[][] px = randomColours(random, w, h);
        try (OnnxSegmenter full = OnnxSegmenter.open(TestImages.model("colour"), CPU);
                OnnxSegmenter half = OnnxSegmenter.open(TestImages.model("colour_half"), CPU)) {
            ClassMap reference = full.segment(frame(px));
            ClassMap map = half.segment(frame(px));
            assertThat(map.width()).isEqualTo(w);
            assertThat(map.height()).isEqualTo(h);
            int ow = (w + 1) / 2;
            int oh = (h + 1) / 2;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sx = x * ow / w * 2;
                    int sy = y * oh / h * 2;
                    assertThat(map.get(x, y)).as("(%d,%d)", x, y).isEqualTo(reference.get(sx, sy));
                }
            }
        }
    }

    @Test
    void static_size_models_get_a_stretched_frame_and_give_a_map_at_frame_size() {
        int[][] px = TestImages.rect(128, 96, RED, BLUE, 64, 0, 64, 96);
        try (OnnxSegmenter s = OnnxSegmenter.open(TestImages.model("colour_static64"), CPU)) {
            assertThat(s.contract().dynamicSize()).isFalse();
            ClassMap map = s.segment(frame(px));
            assertThat(map.width()).isEqualTo(128);
            assertThat(map.height()).isEqualTo(96);
            assertThat(map.get(10, 50)).isEqualTo(1);
            assertThat(map.get(120, 50)).isEqualTo(3);
            List<ClassMap> two = s.segment(List.of(frame(px), frame(px)));
            assertThat(two.get(1).data()).isEqualTo(map.data());
        }
    }

    @Test
    void a_batch_gives_the_same_maps_as_one_by_one() {
        Random random = new Random(11);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            frames.add(frame(randomColours(random, i == 3 ? 17 : 32, i == 3 ? 5 : 24)));
        }
        try (OnnxSegmenter s = OnnxSegmenter.open(TestImages.model("colour"), CPU)) {
            List<ClassMap> batch = s.segment(frames);
            for (int i = 0; i < frames.size(); i++) {
                assertThat(batch.get(i).data()).as("frame %d", i).isEqualTo(s.segment(frames.get(i)).data());
                assertThat(batch.get(i).width()).isEqualTo(frames.get(i).width());
            }
        }
    }

    @Test
    void a_failing_run_is_an_inference_exception() {
        Frame good = frame(TestImages.rect(8, 8, BLACK, GREEN, 2, 2, 3, 3));
        Frame poison = frame(TestImages.rect(8, 8, RED, GREEN, 2, 2, 3, 3));
        try (OnnxSegmenter s = OnnxSegmenter.open(TestImages.model("poison_top_left_red"), CPU)) {
            assertThat(s.segment(good).get(3, 3)).isEqualTo(2);
            assertThatThrownBy(() -> s.segment(List.of(good, poison, good)))
                    .isInstanceOf(InferenceException.class).hasMessageContaining("batch of 3");
            assertThat(s.segment(good).get(3, 3)).isEqualTo(2);
        }
    }

    @Test
    void models_that_break_the_contract_are_refused_saying_why() {
        assertThatThrownBy(() -> OnnxSegmenter.open(TestImages.model("wrong_class_count"), CPU))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("aoi.classes metadata names [a, b, c] (3 classes)")
                .hasMessageContaining("5 channels = background + 4 classes");
        assertThatThrownBy(() -> OnnxSegmenter.open(TestImages.model("rank3_input"), CPU))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("input 'image' is FLOAT [3, ?, ?]")
                .hasMessageContaining("float32 [N,3,H,W]");
        assertThatThrownBy(() -> OnnxSegmenter.open(Path.of("/nonexistent/model.onnx"), CPU))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("does not exist");
    }

    @Test
    void auto_falls_back_to_cpu_and_cuda_without_a_provider_is_refused() {
        try (OnnxSegmenter s = OnnxSegmenter.open(TestImages.model("colour"), new OnnxSegmenter.Options("auto", 1))) {
            assertThat(s.device()).isIn("cpu", "cuda");
        }
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            assertThatThrownBy(() -> OnnxSegmenter.open(TestImages.model("colour"), new OnnxSegmenter.Options("cuda", 1)))
                    .isInstanceOf(InvalidModelException.class).hasMessageContaining("device=cuda");
        }
        assertThatThrownBy(() -> new OnnxSegmenter.Options("tpu", 0)).hasMessageContaining("auto, cuda or cpu");
    }

    static Frame frame(int[][] px) {
        int h = px.length;
        int w = px[0].length;
        byte[] rgb = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = 3 * (y * w + x);
                rgb[i] = (byte) (px[y][x] >> 16);
                rgb[i + 1] = (byte) (px[y][x] >> 8);
                rgb[i + 2] = (byte) px[y][x];
            }
        }
        return new Frame(w, h, rgb);
    }

    static int[][] randomColours(Random random, int w, int h) {
        int[] palette = {BLACK, RED, GREEN, BLUE, WHITE, YELLOW, 0x808080};
        int[][] px = new int[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y][x] = random.nextBoolean() ? palette[random.nextInt(palette.length)] : random.nextInt(1 << 24);
            }
        }
        return px;
    }
}
