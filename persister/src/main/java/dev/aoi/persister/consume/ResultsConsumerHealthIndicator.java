package dev.aoi.persister.consume;

import dev.aoi.common.kafka.BrokerProbe;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * UP when the results consumer is running and the broker describes the results topic within the timeout; the
 * database has Spring Boot's own {@code db} indicator.
 */
public final class ResultsConsumerHealthIndicator implements HealthIndicator, AutoCloseable {

    private final MessageListenerContainer container;
    private final BrokerProbe probe;
    private final String topic;

    public ResultsConsumerHealthIndicator(MessageListenerContainer container, Map<String, Object> adminConfig,
            String topic, Duration timeout) {
        this.container = container;
        this.probe = new BrokerProbe(adminConfig, timeout);
        this.topic = topic;
    }

    @Override
    public Health health() {
        if (!container.isRunning()) {
            return Health.down().withDetail("error", "the results consumer is not running").build();
        }
        BrokerProbe.Answer answer = probe.topic(topic);
        return (answer.up() ? Health.up() : Health.down()).withDetails(answer.details())
                .withDetail("assigned", container.getAssignedPartitions() == null
                        ? 0 : container.getAssignedPartitions().size())
                .build();
    }

    @Override
    public void close() {
        probe.close();
    }
}
