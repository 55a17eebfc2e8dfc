package dev.aoi.infra.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * When the workers emitted their results, read from the results topic itself (the record timestamps the
 * workers' producers set), with no consumer group: independent of the persister and of how fast it stores.
 */
record ResultTimeline(long[] emittedAtMillis) {

    /** Results on {@code topic} so far: the sum of its partitions' end offsets. */
    static long count(Admin admin, String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            query.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(query).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(ListOffsetsResultInfo::offset).sum();
    }

    /** Reads every record of {@code topic} from the beginning; their timestamps, sorted. */
    static ResultTimeline read(String bootstrap, String topic, int partitions, long expected, Duration timeout) {
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(topic, p));
        }
        long[] stamps = new long[(int) expected];
        int n = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            consumer.assign(all);
            consumer.seekToBeginning(all);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (n < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (n == stamps.length) {
                        stamps = Arrays.copyOf(stamps, stamps.length * 2);
                    }
                    stamps[n++] = r.timestamp();
                }
            }
        }
        long[] sorted = Arrays.copyOf(stamps, n);
        Arrays.sort(sorted);
        return new ResultTimeline(sorted);
    }

    int size() {
        return emittedAtMillis.length;
    }

    long lastMillis() {
        return emittedAtMillis[emittedAtMillis.length - 1];
    }
}
