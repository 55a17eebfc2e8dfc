package dev.aoi.producer.publish;

import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.ImageRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads everything on a topic of the real broker, for the integration tests. */
public final class TopicReader {

    /** A record as the tests look at it: key and decoded value. */
    public record Keyed(String key, ImageRef ref) {
    }

    private TopicReader() {
    }

    /** All records now on {@code topic}, decoded. */
    public static List<Keyed> readAll(String bootstrap, String topic) {
        EventCodec codec = new EventCodec();
        List<Keyed> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            long total = c.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(new Keyed(r.key(), codec.decodeImageRef(r.value())));
                }
            }
        }
        return out;
    }
}
