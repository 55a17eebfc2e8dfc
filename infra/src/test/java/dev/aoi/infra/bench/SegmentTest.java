package dev.aoi.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SegmentTest {

    @Test
    void the_delay_goes_off_on_on_off_so_that_a_steady_drift_favours_neither() {
        assertThat(IntStream.range(0, 8).mapToObj(Segment::delayedAt).toList())
                .containsExactly(false, true, true, false, false, true, true, false);
    }

    @Test
    void counts_the_results_stamped_inside_it() {
        Segment s = new Segment(0, false, 1000, 2000, null, null, null, null, 0);
        assertThat(s.results(new long[] {999, 1000, 1500, 1999, 2000})).isEqualTo(3);
        assertThat(s.seconds()).isEqualTo(1.0);
    }
}
