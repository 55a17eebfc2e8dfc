package dev.aoi.worker.vision;

import dev.aoi.imaging.ClassMap;
import dev.aoi.imaging.OpenCvLoader;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContourPerimeterTest {

    @BeforeAll
    static void loadOpenCv() {
        OpenCvLoader.ensureLoaded();
    }

    /** Packing must not change a single contour, however the canvas is cut into shelves and batches. */
    @ParameterizedTest
    @CsvSource({
        "0, 1000000", // every tile in one batch
        "1, 4000", // many batches
        "2, 1", // one tile per batch
        "3, 50000"})
    void packedTilesGiveTheFullFramePerimeterOfEachComponentBitForBit(long seed, int canvasPixels) {
        int[][] map = Maps.blobs(seed, 90, 70, 3, 80);
        ClassMap classMap = Maps.toClassMap(map);
        ConnectedComponents components = ConnectedComponents.of(classMap);
        assertThat(components.count).isGreaterThan(15);
        int[] all = IntStream.range(0, components.count).toArray();
        double[] packed = ContourPerimeter.of(components, all, 92, canvasPixels);
        for (int k = 0; k < components.count; k++) {
            assertThat(packed[k]).as("component %d", k)
                    .isEqualTo(ReferenceMeasurer.fullFramePerimeter(pixelsOf(components, k), 90, 70));
        }
    }

    private static List<int[]> pixelsOf(ConnectedComponents components, int k) {
        List<int[]> pixels = new ArrayList<>();
        for (int i = components.firstRun[k]; i < components.firstRun[k + 1]; i++) {
            int r = components.runsByComponent[i];
            for (int x = components.runStart[r]; x <= components.runEnd[r]; x++) {
                pixels.add(new int[] {x, components.runRow[r]});
            }
        }
        return pixels;
    }
}
