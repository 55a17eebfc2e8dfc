package dev.aoi.worker.pipeline;

import dev.aoi.common.kafka.BrokerProbe;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Ready only when the results topic accepts the largest result this worker publishes: a topic left at Kafka's
 * 1 MB default would refuse every larger result. Those become RESULT_TOO_LARGE dead letters rather than a stuck
 * partition, but a worker that would lose results to a setting says so (docs/security.md, "Result size").
 */
public final class ResultsTopicHealthIndicator implements HealthIndicator, AutoCloseable {

    /** Room for the record's key, headers and batch framing on top of the JSON. */
    public static final int RECORD_OVERHEAD = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ResultsTopicHealthIndicator.class);

    private final BrokerProbe probe;
    private volatile Map<String, Object> lastProblem;
    private final String topic;
    private final long required;

    public ResultsTopicHealthIndicator(Map<String, Object> adminConfig, Duration timeout, String topic,
            int maxResultBytes) {
        this.probe = new BrokerProbe(adminConfig, timeout);
        this.topic = topic;
        this.required = (long) maxResultBytes + RECORD_OVERHEAD;
    }

    @Override
    public Health health() {
        BrokerProbe.Answer answer = probe.accepts(topic, required, "aoi.worker.max-result-bytes (+64 KiB)");
        if (!answer.up() && !answer.details().equals(lastProblem)) { // health details are not public: say it here
            log.error("Not ready: {}", answer.details().get("error"));
        }
        lastProblem = answer.up() ? null : answer.details();
        return (answer.up() ? Health.up() : Health.down()).withDetails(answer.details()).build();
    }

    @Override
    public void close() {
        probe.close();
    }
}
