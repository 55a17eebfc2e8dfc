package dev.aoi.common.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

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

    /**
     * Whether {@code topic} accepts records of {@code bytes} (its {@code max.message.bytes}, the broker's default
     * included); down, with what to change, when it does not.
     */
    public Answer accepts(String topic, long bytes, String setting) {
        return ask("the broker did not describe the configuration of " + topic, () -> {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin().describeConfigs(List.of(resource),
                    new DescribeConfigsOptions().timeoutMs((int) timeout.toMillis()))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(resource);
            long limit = Long.parseLong(config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("topic", topic);
            details.put("maxMessageBytes", limit);
            details.put("required", bytes);
            if (limit < bytes) {
                throw new TopicTooSmallException(topic + " accepts records of at most " + limit + " bytes ("
                        + TopicConfig.MAX_MESSAGE_BYTES_CONFIG + "), but " + setting + " needs " + bytes + ": raise it"
                        + " (kafka-configs.sh --alter --entity-type topics --entity-name " + topic + " --add-config "
                        + TopicConfig.MAX_MESSAGE_BYTES_CONFIG + "=" + bytes + ") or lower " + setting);
            }
            return details;
        });
    }

    /** A topic whose record limit is below what a service will send. */
    private static final class TopicTooSmallException extends Exception {
        TopicTooSmallException(String message) {
            super(message);
        }

        @Override
        public String toString() {
            return getMessage();
        }
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
        } catch (TopicTooSmallException e) {
            return new Answer(false, Map.of("error", e.getMessage()));
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
