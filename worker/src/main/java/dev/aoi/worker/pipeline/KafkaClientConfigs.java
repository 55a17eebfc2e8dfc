package dev.aoi.worker.pipeline;

import dev.aoi.worker.WorkerProperties;
import dev.aoi.worker.WorkerProperties.GroupProtocol;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The worker's Kafka client settings: whatever {@code spring.kafka.*} says, plus what the loop's guarantees need
 * (manual commits, raw bytes so that poison is seen by our reader and dead-lettered unchanged, idempotent
 * producer). Settings the guarantees depend on are forced; tunables get a default only when unset.
 */
public final class KafkaClientConfigs {

    private KafkaClientConfigs() {
    }

    public static Map<String, Object> consumer(Map<String, Object> base, WorkerProperties worker) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, worker.groupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // never hand an aborted transaction's refs to the model
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // a new group starts at the beginning: no frame published before the first worker came up is skipped
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // one poll brings about one batch; the loop pauses the partitions once max-buffered records wait
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, worker.batchSize());
        // the input buffers follow the batch too: a ref is a few hundred bytes, so a fetch of 64 KiB per record the
        // loop may hold (at least 1 MiB) is plenty, where Kafka's default would buffer up to 50 MiB per fetch
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Math.max(1 << 20, worker.effectiveMaxBuffered() << 16));
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, worker.workerId() + "-consumer");
        if (worker.groupProtocol() == GroupProtocol.CONSUMER) {
            // KIP-848: the broker assigns incrementally; client-side assignors do not apply
            config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
            config.remove(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
        } else {
            // incremental rebalances: workers keep their other partitions while one joins or leaves
            config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
            config.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                    CooperativeStickyAssignor.class.getName());
        }
        return config;
    }

    public static Map<String, Object> producer(Map<String, Object> base, WorkerProperties worker) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // the producer checks the uncompressed size: room for the largest result plus the record's overhead
        config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                worker.maxResultBytes() + ResultsTopicHealthIndicator.RECORD_OVERHEAD);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, worker.workerId() + "-producer");
        if (worker.transactions().enabled()) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, worker.transactions().idPrefix() + worker.workerId());
        } else {
            config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        }
        return config;
    }
}
