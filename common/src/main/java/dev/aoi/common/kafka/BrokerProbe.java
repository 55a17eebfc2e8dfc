package dev.aoi.common.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Asks the Kafka cluster whether it answers (and, for a topic, whether it knows it) within a timeout: the one broker
 * check behind every service's readiness. One admin client, made on first use and kept. Thread-safe.
 */
public final class BrokerProbe implements AutoCloseable {

    /** What the broker said: up or not, and details for the health endpoint. */
    public record Answer(boolean up, Map<String, Object> details) {
    }

    private final Map<String, Object> adminConfig;
    private final Duration timeout;
    private Admin admin;

    public BrokerProbe(Map<String, Object> adminConfig, Duration timeout) {
        this.adminConfig = Map.copyOf(adminConfig);
        this.timeout = timeout;
    }

    /** The cluster id and node count, or why the cluster did not answer. */
    public Answer cluster() {
        return ask("the Kafka cluster did not answer", () -> {
            DescribeClusterResult cluster = admin().describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("clusterId", cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            details.put("nodes", cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size());
            return details;
        });
    }

    /** The topic's partition count, or why the broker did not describe it. */
    public Answer topic(String topic) {
        return ask("the broker did not describe " + topic, () -> {
            TopicDescription description = admin()
                    .describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis()))
                    .allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("topic", topic);
            details.put("partitions", description.partitions().size());
            return details;
        });
    }

    private interface Question {
        Map<String, Object> ask() throws Exception;
    }

    private Answer ask(String failure, Question question) {
        try {
            return new Answer(true, question.ask());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(false, Map.of("error", failure + ": interrupted"));
        } catch (Exception e) {
            return new Answer(false, Map.of("error", failure + " within " + timeout + ": " + e));
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
