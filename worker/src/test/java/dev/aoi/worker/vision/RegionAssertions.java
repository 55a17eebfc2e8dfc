package dev.aoi.worker.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.RegionResult;
import java.util.List;

/** Compares measured results with the reference, field by field, with docs/measurement.md's tolerances. */
final class RegionAssertions {

    static final double RELATIVE = 1e-6;
    static final double PERIMETER = 1e-4;
    static final double CIRCULARITY = 2e-4;
    static final double FLOOR = 1e-9;

    private RegionAssertions() {
    }

    static void assertMatchesReference(int[][] map, int classes, int minArea) {
        List<ClassResult> actual = new RegionMeasurer(Maps.names(classes), minArea).measure(Maps.toClassMap(map));
        List<List<ReferenceMeasurer.Region>> expected = ReferenceMeasurer.measure(map, classes, minArea);
        assertSame(actual, expected);
    }

    static void assertSame(List<ClassResult> actual, List<List<ReferenceMeasurer.Region>> expected) {
        assertThat(actual).hasSize(expected.size());
        for (int c = 0; c < expected.size(); c++) {
            ClassResult result = actual.get(c);
            List<ReferenceMeasurer.Region> regions = expected.get(c);
            assertThat(result.classId()).isEqualTo(c + 1);
            assertThat(result.totalRegions()).as("regions of class %d", c + 1).isEqualTo(regions.size());
            assertThat(result.totalAreaPixels())
                    .isEqualTo(regions.stream().mapToLong(ReferenceMeasurer.Region::area).sum());
            for (int i = 0; i < regions.size(); i++) {
                assertRegion(result.regions().get(i), regions.get(i));
            }
        }
    }

    static void assertRegion(RegionResult a, ReferenceMeasurer.Region e) {
        String where = "class " + e.classId() + " region " + e.regionId() + " ";
        assertThat(a.regionId()).as(where + "id").isEqualTo(e.regionId());
        assertThat(a.areaPixels()).as(where + "area").isEqualTo(e.area());
        assertThat(new int[] {a.bboxX(), a.bboxY(), a.bboxWidth(), a.bboxHeight()}).as(where + "bbox")
                .containsExactly(e.bboxX(), e.bboxY(), e.bboxWidth(), e.bboxHeight());
        close(where + "centroid_x", a.centroidX(), e.centroidX(), RELATIVE);
        close(where + "centroid_y", a.centroidY(), e.centroidY(), RELATIVE);
        close(where + "perimeter", a.perimeter(), e.perimeter(), PERIMETER);
        close(where + "major_axis", a.majorAxis(), e.majorAxis(), RELATIVE);
        close(where + "minor_axis", a.minorAxis(), e.minorAxis(), RELATIVE);
        close(where + "circularity", a.circularity(), e.circularity(), CIRCULARITY);
        close(where + "aspect_ratio", a.aspectRatio(), e.aspectRatio(), RELATIVE);
    }

    static void close(String what, double actual, double expected, double relative) {
        double allowed = Math.max(FLOOR, relative * Math.max(Math.abs(actual), Math.abs(expected)));
        if (!(Math.abs(actual - expected) <= allowed)) {
            fail(what + ": expected " + expected + " but was " + actual + " (allowed ±" + allowed + ")");
        }
    }
}
