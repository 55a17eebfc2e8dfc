package dev.aoi.worker.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aoi.common.synthetic.PcbFrameRenderer;
import dev.aoi.common.synthetic.SyntheticFrame;
import dev.aoi.imaging.Frame;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelEvaluatorTest {

    @Test
    void intersectionAndUnionPerClass() {
        byte[] predicted = {0, 1, 1, 2, 2, 0};
        byte[] truth = {0, 1, 2, 2, 0, 1};
        long[] intersection = new long[3];
        long[] union = new long[3];
        ModelEvaluator.accumulate(predicted, truth, intersection, union);
        // class 1: predicted at 1,2; true at 1,5 -> 1 shared of 3; class 2: predicted at 3,4; true at 2,3 -> 1 of 3
        assertThat(intersection).containsExactly(0, 1, 1);
        assertThat(union).containsExactly(0, 3, 3);
    }

    @Test
    void aSyntheticFrameBecomesTheRgbBytesTheDecoderWouldGive() {
        SyntheticFrame synthetic = new PcbFrameRenderer(64, 64).render(3);
        Frame frame = ModelEvaluator.toFrame(synthetic);
        int p = synthetic.rgb()[64 * 10 + 7];
        int i = 3 * (64 * 10 + 7);
        assertThat(new int[] {frame.rgb()[i] & 0xFF, frame.rgb()[i + 1] & 0xFF, frame.rgb()[i + 2] & 0xFF})
                .containsExactly((p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF);
    }

    @Test
    void theDemoModelFindsTheSyntheticDefectsThroughTheWorkersOwnSegmenter() {
        Path demo = Path.of("..", "models", "aoi-demo.onnx");
        ModelEvaluator.Report report = new ModelEvaluator(new PcbFrameRenderer(1792, 1792)).evaluate(demo, 1, 999);
        assertThat(report.iou()).containsOnlyKeys("PI_Particle", "PR_Peeling", "Copper_Nodule", "Env_Particle");
        assertThat(report.iou().values()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
        assertThat(report.meanIou()).isGreaterThan(0.6)
                .isCloseTo(report.iou().values().stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                        within(1e-12));
        assertThat(report.modelSha256()).hasSize(64);
        assertThat(report.inferenceMsMedian()).isPositive();
    }
}
