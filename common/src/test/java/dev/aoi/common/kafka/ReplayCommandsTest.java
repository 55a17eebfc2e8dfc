package dev.aoi.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayCommandsTest {

    @Test
    void readsInstantsWithAnOffsetAndDatesAsUtcMidnight() {
        assertThat(ReplayCommands.parseTime("2026-11-01T06:00:00+01:00")).isEqualTo(Instant.parse("2026-11-01T05:00:00Z"));
        assertThat(ReplayCommands.parseTime("2026-11-01")).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThatThrownBy(() -> ReplayCommands.parseTime("yesterday")).hasMessageContaining("yesterday");
    }

    @Test
    void optionValuesAndEta() {
        assertThat(ReplayCommands.value(new String[] {"--from", "x"}, 1, "--from")).isEqualTo("x");
        assertThatThrownBy(() -> ReplayCommands.value(new String[] {"--from"}, 1, "--from"))
                .hasMessage("--from needs a value");
        assertThat(ReplayCommands.eta(100, 20.0)).isEqualTo("5 s");
        assertThat(ReplayCommands.eta(100, 0)).isEqualTo("?");
    }
}
