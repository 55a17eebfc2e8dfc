package dev.aoi.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ConsolePropertiesTest {

    private static final ConsoleProperties.Database DB =
            new ConsoleProperties.Database("postgresql://h/aoi", "u", "p", 4, Duration.ofSeconds(5), Duration.ofSeconds(30));

    @Test
    void noFileRootsMeansAnEmptyList() {
        assertThat(new ConsoleProperties(DB, null, 50, 500, 24, DataSize.ofMegabytes(64)).fileRoots()).isEmpty();
    }

    @Test
    void aDefaultPageLargerThanTheLimitIsRefused() {
        assertThatThrownBy(() -> new ConsoleProperties(DB, List.of(), 600, 500, 24, DataSize.ofMegabytes(64)))
                .hasMessageContaining("default-page-size");
    }
}
