package dev.aoi.worker.vision;

import dev.aoi.imaging.ClassMap;
import dev.aoi.imaging.OpenCvLoader;
import static dev.aoi.worker.vision.RegionAssertions.assertMatchesReference;
import static dev.aoi.worker.vision.RegionAssertions.close;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.RegionResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegionMeasurerTest {

    @BeforeAll
    static void loadOpenCv() {
        OpenCvLoader.ensureLoaded();
    }

    private static List<ClassResult> measure(int classes, int minArea, String... rows) {
        return new RegionMeasurer(Maps.names(classes), minArea).measure(Maps.toClassMap(Maps.parse(rows)));
    }

    @Test
    void threeByThreeSquareHasHandComputedValues() {
        List<ClassResult> result = measure(1, 1,
                ".....",
                ".111.",
                ".111.",
                ".111.");
        RegionResult r = result.get(0).regions().get(0);
        assertThat(r.areaPixels()).isEqualTo(9);
        assertThat(new int[] {r.bboxX(), r.bboxY(), r.bboxWidth(), r.bboxHeight()}).containsExactly(1, 1, 3, 3);
        close("cx", r.centroidX(), 2, 1e-12);
        close("cy", r.centroidY(), 2, 1e-12);
        close("perimeter", r.perimeter(), 8, 1e-12);
        double axis = 4 * Math.sqrt(2.0 / 3 + 1.0 / 12);
        close("major", r.majorAxis(), axis, 1e-12);
        close("minor", r.minorAxis(), axis, 1e-12);
        close("aspect", r.aspectRatio(), 1, 1e-12);
        assertThat(r.circularity()).isEqualTo(1.0); // 4π·9/64 > 1, capped
    }

    @Test
    void onePixelRegionHasZeroPerimeterAndUnitSquareAxes() {
        RegionResult r = measure(1, 1, "...", ".1.", "...").get(0).regions().get(0);
        assertThat(r.perimeter()).isZero();
        assertThat(r.circularity()).isEqualTo(1.0);
        close("major", r.majorAxis(), 4 * Math.sqrt(1.0 / 12), 1e-12);
        close("minor", r.minorAxis(), 4 * Math.sqrt(1.0 / 12), 1e-12);
        assertThat(r.aspectRatio()).isEqualTo(1.0);
        assertThat(r.centroidX()).isEqualTo(1.0);
    }

    @Test
    void pixelsTouchingOnlyAtACornerAreOneRegion() {
        List<ClassResult> result = measure(1, 1,
                "1...",
                ".1..",
                "..1.",
                ".1..");
        assertThat(result.get(0).totalRegions()).isEqualTo(1);
        RegionResult r = result.get(0).regions().get(0);
        assertThat(r.areaPixels()).isEqualTo(4);
        assertMatchesReference(Maps.parse("1...", ".1..", "..1.", ".1.."), 1, 1);
    }

    @Test
    void diagonalPairHasHandComputedAxes() {
        RegionResult r = measure(1, 1, "1.", ".1").get(0).regions().get(0);
        close("perimeter", r.perimeter(), 2 * Math.sqrt(2), 1e-6);
        close("major", r.majorAxis(), 4 * Math.sqrt(7.0 / 12), 1e-12);
        close("minor", r.minorAxis(), 4 * Math.sqrt(1.0 / 12), 1e-12);
    }

    @Test
    void differentClassesTouchingDiagonallyStayApart() {
        List<ClassResult> result = measure(2, 1, "1.", ".2");
        assertThat(result.get(0).totalRegions()).isEqualTo(1);
        assertThat(result.get(1).totalRegions()).isEqualTo(1);
    }

    @Test
    void holeDoesNotCountAndSameClassIslandIsItsOwnRegion() {
        String[] rows = {
            ".......",
            ".11111.",
            ".1...1.",
            ".1.1.1.",
            ".1...1.",
            ".11111.",
            "......."};
        List<ClassResult> result = measure(1, 1, rows);
        assertThat(result.get(0).regions()).hasSize(2);
        RegionResult ring = result.get(0).regions().get(0);
        RegionResult island = result.get(0).regions().get(1);
        assertThat(ring.areaPixels()).isEqualTo(16);
        close("ring perimeter", ring.perimeter(), 16, 1e-12); // the outer contour only
        assertThat(island.areaPixels()).isEqualTo(1);
        assertThat(island.centroidX()).isEqualTo(3.0);
        assertMatchesReference(Maps.parse(rows), 1, 1);
    }

    @Test
    void otherComponentsInsideTheBoundingBoxDoNotLeakIntoTheContour() {
        String[] rows = {
            "1111111",
            "1.....1",
            "1.111.1",
            "1.1.1.1",
            "1.111.1",
            "1.....1",
            "1111111"};
        List<ClassResult> result = measure(1, 1, rows);
        assertThat(result.get(0).regions()).extracting(RegionResult::perimeter).containsExactly(24.0, 8.0);
        assertMatchesReference(Maps.parse(rows), 1, 1);
    }

    @Test
    void regionCoveringTheWholeFrameTouchesEveryBorder() {
        RegionResult r = measure(1, 1, "111", "111", "111", "111").get(0).regions().get(0);
        assertThat(new int[] {r.bboxX(), r.bboxY(), r.bboxWidth(), r.bboxHeight()}).containsExactly(0, 0, 3, 4);
        close("perimeter", r.perimeter(), 10, 1e-12);
        assertMatchesReference(Maps.parse("2112", "1..1", "1..1", "2112"), 2, 1);
    }

    @Test
    void classesNestedInClasses() {
        String[] rows = {
            "111111111",
            "122222221",
            "123333321",
            "123414321",
            "123333321",
            "122222221",
            "111111111"};
        List<ClassResult> result = measure(4, 1, rows);
        assertThat(result).extracting(ClassResult::totalRegions).containsExactly(2, 1, 1, 2);
        assertMatchesReference(Maps.parse(rows), 4, 1);
    }

    @Test
    void emptyFrameListsEveryClassWithZeroCounts() {
        List<ClassResult> result = new RegionMeasurer(Maps.names(4), 1).measure(ClassMap.of(new byte[12], 4, 3));
        assertThat(result).extracting(ClassResult::classId).containsExactly(1, 2, 3, 4);
        assertThat(result).extracting(ClassResult::className).containsExactly("class1", "class2", "class3", "class4");
        assertThat(result).allSatisfy(c -> {
            assertThat(c.totalRegions()).isZero();
            assertThat(c.totalAreaPixels()).isZero();
            assertThat(c.regions()).isEmpty();
        });
    }

    @Test
    void minimumAreaDropsSmallRegionsBeforeNumbering() {
        String[] rows = {
            "1..11111",
            "........",
            "11.1....",
            "...1..1.",
            "1111....",
        };
        List<ClassResult> result = measure(1, 3, rows);
        assertThat(result.get(0).regions()).extracting(RegionResult::regionId).containsExactly(1, 2);
        assertThat(result.get(0).regions()).extracting(RegionResult::areaPixels).containsExactly(5, 6);
        assertThat(result.get(0).totalAreaPixels()).isEqualTo(11);
        assertMatchesReference(Maps.parse(rows), 1, 3);
    }

    @Test
    void regionIdsFollowRasterOrderOfFirstPixels() {
        // The U's two arms are joined only on its last row, after the bar on the left has begun: the U
        // still comes first (first pixel (2,0)), then the dot (7,0), then the bar (0,1).
        String[] rows = {
            "..1.1..1",
            "1.1.1...",
            "1.111...",
        };
        List<ClassResult> result = measure(1, 1, rows);
        assertThat(result.get(0).regions()).extracting(RegionResult::areaPixels).containsExactly(7, 1, 2);
        assertMatchesReference(Maps.parse(rows), 1, 1);
    }

    @Test
    void thousandsOfTinyRegions() {
        int[][] map = new int[150][150];
        for (int y = 0; y < 150; y += 3) {
            for (int x = 0; x < 150; x += 3) {
                int k = (x + y) / 3;
                map[y][x] = 1 + k % 3;
                if (k % 2 == 0) {
                    map[y + 1][x + 1] = 1 + k % 3; // a diagonal domino
                }
            }
        }
        List<ClassResult> result = new RegionMeasurer(Maps.names(3), 1).measure(Maps.toClassMap(map));
        assertThat(result.stream().mapToInt(ClassResult::totalRegions).sum()).isEqualTo(2500);
        assertMatchesReference(map, 3, 1);
    }

    @ParameterizedTest
    @CsvSource({"1,1", "3,200", "200,3", "1,57", "57,1"})
    void oddSizes(int width, int height) {
        for (long seed = 0; seed < 5; seed++) {
            assertMatchesReference(Maps.noise(seed, width, height, 2, 0.6), 2, 1);
        }
        assertMatchesReference(new int[height][width], 2, 1);
    }

    @Test
    void singlePixelFrames() {
        assertThat(measure(1, 1, "1").get(0).regions()).singleElement()
                .satisfies(r -> assertThat(r.perimeter()).isZero());
        assertThat(measure(1, 1, ".").get(0).regions()).isEmpty();
    }

    @Test
    void largeOddFrameWithBlobs() {
        assertMatchesReference(Maps.blobs(7, 1000, 757, 4, 40), 4, 1);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.02, 0.2, 0.5, 0.8, 0.97, 1.0})
    void randomNoiseMatchesTheReference(double density) {
        for (long seed = 0; seed < 40; seed++) {
            int classes = 1 + (int) (seed % 5);
            assertMatchesReference(Maps.noise(seed, 37 + (int) seed, 23 + (int) (seed * 7 % 19), classes, density),
                    classes, 1);
        }
    }

    @Test
    void randomBlobsMatchTheReference() {
        for (long seed = 0; seed < 60; seed++) {
            int classes = 1 + (int) (seed % 4);
            int minArea = 1 + (int) (seed % 3) * 4;
            assertMatchesReference(Maps.blobs(seed, 80 + (int) seed, 60, classes, 25), classes, minArea);
        }
    }

    @Test
    void fullFrameSquareHasExactAxesFromIntegerMoments() {
        int n = 1792;
        byte[] data = new byte[n * n];
        java.util.Arrays.fill(data, (byte) 3);
        RegionResult r = new RegionMeasurer(Maps.names(4)).measure(ClassMap.of(data, n, n)).get(2).regions().get(0);
        assertThat(r.areaPixels()).isEqualTo(n * n);
        close("cx", r.centroidX(), (n - 1) / 2.0, 1e-15);
        close("perimeter", r.perimeter(), 4.0 * (n - 1), 1e-12);
        // variance of 0..n-1 is (n²−1)/12; plus 1/12 gives n²/12
        close("major", r.majorAxis(), 4 * n / Math.sqrt(12), 1e-12);
        close("minor", r.minorAxis(), 4 * n / Math.sqrt(12), 1e-12);
    }

    @Test
    void thinDiagonalLineKeepsItsMinorAxis() {
        int n = 1500;
        byte[] data = new byte[n * n];
        for (int i = 0; i < n; i++) {
            data[i * n + i] = 1;
        }
        RegionResult r = new RegionMeasurer(Maps.names(1)).measure(ClassMap.of(data, n, n)).get(0).regions().get(0);
        // covariance [[v, v], [v, v]] + I/12 with v = (n²−1)/12: eigenvalues 2v + 1/12 and exactly 1/12
        double v = ((double) n * n - 1) / 12;
        close("major", r.majorAxis(), 4 * Math.sqrt(2 * v + 1.0 / 12), 1e-12);
        close("minor", r.minorAxis(), 4 * Math.sqrt(1.0 / 12), 1e-9);
    }

    @Test
    void classIndexTwoHundredFiftyFourIsMeasured() {
        byte[] data = {0, (byte) 254, (byte) 254, 0};
        List<ClassResult> result = new RegionMeasurer(Maps.names(254), 1).measure(ClassMap.of(data, 2, 2));
        assertThat(result).hasSize(254);
        assertThat(result.get(253).regions()).singleElement()
                .satisfies(r -> assertThat(r.areaPixels()).isEqualTo(2));
    }

    @Test
    void rejectsClassIndicesTheModelDoesNotHave() {
        assertThatThrownBy(() -> measure(2, 1, "1.3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class index 3");
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> new RegionMeasurer(List.of(), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RegionMeasurer(List.of("a"), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
