package dev.aoi.infra.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics that do not exist yet; existing ones are left as they are. */
public final class TopicProvisioner {

    /** A topic to create, with topic-level settings such as {@code max.message.bytes}. */
    public record TopicSpec(String name, int partitions, Map<String, String> configs) {
        public TopicSpec {
            if (partitions < 1) {
                throw new IllegalArgumentException("topic " + name + " needs at least one partition");
            }
            configs = Map.copyOf(configs);
        }

        public TopicSpec(String name, int partitions) {
            this(name, partitions, Map.of());
        }
    }

    /**
     * Results carry every region of a frame; they may be larger than Kafka's 1 MB default (the worker's
     * {@code aoi.worker.max-result-bytes} is 8 MiB, plus the record's overhead).
     */
    public static final Map<String, String> RESULT_TOPIC_CONFIGS = Map.of("max.message.bytes",
            Integer.toString(8 * 1024 * 1024 + 64 * 1024));

    private TopicProvisioner() {
    }

    /** Creates each topic that is missing, replication factor 1 (a single local broker). */
    public static void ensureTopics(String bootstrapServers, List<TopicSpec> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topics " + topics + " on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
