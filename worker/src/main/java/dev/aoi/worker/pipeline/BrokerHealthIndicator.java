package dev.aoi.worker.pipeline;

import dev.aoi.common.kafka.BrokerProbe;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** UP when the Kafka cluster answers a metadata request within the timeout. */
public final class BrokerHealthIndicator implements HealthIndicator, AutoCloseable {

    private final BrokerProbe probe;

    public BrokerHealthIndicator(Map<String, Object> adminConfig, Duration timeout) {
        this.probe = new BrokerProbe(adminConfig, timeout);
    }

    @Override
    public Health health() {
        BrokerProbe.Answer answer = probe.cluster();
        return (answer.up() ? Health.up() : Health.down()).withDetails(answer.details()).build();
    }

    @Override
    public void close() {
        probe.close();
    }
}
