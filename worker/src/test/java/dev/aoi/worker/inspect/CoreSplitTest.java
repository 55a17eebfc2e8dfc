package dev.aoi.worker.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CoreSplitTest {

    @Test
    void withTheModelOnTheCpuHalfTheCoresDecodeAndTheModelGetsTheRest() {
        assertThat(CoreSplit.cpuSideThreads(0, false, 2)).isEqualTo(1);
        assertThat(CoreSplit.intraOpThreads(0, 0, 2)).isEqualTo(1);
        assertThat(CoreSplit.cpuSideThreads(0, false, 16)).isEqualTo(8);
        assertThat(CoreSplit.intraOpThreads(0, 0, 16)).isEqualTo(8);
        assertThat(CoreSplit.cpuSideThreads(0, false, 1)).as("never none").isEqualTo(1);
        assertThat(CoreSplit.intraOpThreads(0, 0, 1)).isEqualTo(1);
        assertThat(CoreSplit.intraOpThreads(0, 3, 4)).as("the decoding takes 3 of 4").isEqualTo(1);
        assertThat(CoreSplit.intraOpThreads(0, 6, 4)).as("at least one").isEqualTo(1);
    }

    @Test
    void withTheModelOnAGpuEveryCoreDecodesAndASettingAlwaysWins() {
        assertThat(CoreSplit.cpuSideThreads(0, true, 16)).isEqualTo(16);
        assertThat(CoreSplit.cpuSideThreads(3, true, 16)).isEqualTo(3);
        assertThat(CoreSplit.cpuSideThreads(5, false, 2)).isEqualTo(5);
        assertThat(CoreSplit.intraOpThreads(7, 0, 2)).isEqualTo(7);
        assertThatThrownBy(() -> CoreSplit.cpuSideThreads(-1, false, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CoreSplit.intraOpThreads(-1, 0, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
