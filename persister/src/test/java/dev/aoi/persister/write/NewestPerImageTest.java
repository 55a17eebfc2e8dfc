package dev.aoi.persister.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.event.InspectionResult;
import dev.aoi.persister.bench.SyntheticResults;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewestPerImageTest {

    private final SyntheticResults synthetic = new SyntheticResults(1);
    private final Instant t0 = Instant.parse("2026-11-23T08:00:00Z");

    @Test
    void keepsTheNewestResultOfEachImageInImageIdOrder() {
        List<InspectionResult> batch = List.of(
                synthetic.result("b", 1, 2, t0.plusSeconds(5)),
                synthetic.result("a", 2, 2, t0),
                synthetic.result("b", 3, 2, t0.plusSeconds(10)),
                synthetic.result("b", 4, 2, t0.plusSeconds(7)));
        assertThat(NewestPerImage.select(batch)).containsExactly(1, 2);
    }

    @Test
    void onATieTheLaterRecordWinsAtMicrosecondPrecision() {
        List<InspectionResult> batch = List.of(
                synthetic.result("a", 1, 2, t0.plusNanos(1_000_100)),
                synthetic.result("a", 2, 2, t0.plusNanos(1_000_900)));
        assertThat(NewestPerImage.select(batch)).containsExactly(1);
        assertThat(NewestPerImage.storedTime(batch.get(0))).isEqualTo(t0.plusNanos(1_000_000));
    }
}
