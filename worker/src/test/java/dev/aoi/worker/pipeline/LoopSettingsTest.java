package dev.aoi.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.worker.WorkerProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class LoopSettingsTest {

    @Test
    void theLoopsSettingsComeFromTheWorkersWithTheDefaultBufferOfTwoBatches() {
        WorkerProperties worker = new Binder(new MapConfigurationPropertySource(Map.of(
                "aoi.worker.batch-size", "5", "aoi.worker.images-topic", "in", "aoi.worker.results-topic", "out",
                "aoi.worker.retry.initial", "2s", "aoi.worker.transactions.enabled", "true",
                "aoi.worker.max-result-bytes", "4096")))
                .bindOrCreate("aoi.worker", WorkerProperties.class);

        LoopSettings loop = LoopSettings.of(worker, Duration.ofSeconds(7));

        assertThat(loop).isEqualTo(new LoopSettings("in", "out", 5, 10, Duration.ofMillis(100), Duration.ofSeconds(2),
                Duration.ofSeconds(30), true, Duration.ofSeconds(7), 4096));
    }
}
