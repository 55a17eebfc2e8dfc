package dev.aoi.persister.consume;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * UP when the results consumer is running and the broker describes the results topic within the timeout; the
 * database has Spring Boot's own {@code db} indicator.
 */
public final class ResultsConsumerHealthIndicator implements HealthIndicator, AutoCloseable {

    private final MessageListenerContainer container;
    private final Map<String, Object> adminConfig;
    private final String topic;
    private final Duration timeout;
    private Admin admin;

    public ResultsConsumerHealthIndicator(MessageListenerContainer container, Map<String, Object> adminConfig,
            String topic, Duration timeout) {
        this.container = container;
        this.adminConfig = adminConfig;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        if (!container.isRunning()) {
            return Health.down().withDetail("error", "the results consumer is not running").build();
        }
        try {
            TopicDescription description = admin()
                    .describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis()))
                    .allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            return Health.up().withDetail("topic", topic)
                    .withDetail("partitions", description.partitions().size())
                    .withDetail("assigned", container.getAssignedPartitions() == null
                            ? 0 : container.getAssignedPartitions().size())
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(e).build();
        } catch (Exception e) {
            return Health.down().withDetail("error", "the broker did not describe " + topic + " within " + timeout
                    + ": " + e).build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminConfig);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
