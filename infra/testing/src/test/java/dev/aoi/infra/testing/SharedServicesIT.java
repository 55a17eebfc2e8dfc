package dev.aoi.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.ImageRef;
import dev.aoi.infra.postgres.JdbcDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The foundation's promise: a real broker and a real PostgreSQL, reachable from every module's tests. */
class SharedServicesIT {

    private final TestInfrastructure infra = TestInfrastructure.shared();
    private final EventCodec codec = new EventCodec();

    @Test
    void publishesToAndConsumesFromTheRealBroker() throws Exception {
        String topic = TestInfrastructure.uniqueName("it-images");
        infra.createTopic(topic, 3);
        List<ImageRef> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < 30; i++) {
                ImageRef ref = ImageRef.of("img-" + i, "/frames/" + i + ".png", Instant.parse("2026-11-23T10:00:00Z"));
                sent.add(ref);
                producer.send(new ProducerRecord<>(topic, ref.imgUniqueId(), codec.encode(ref))).get();
            }
        }
        List<ImageRef> received = consumeAll(topic, sent.size());
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void writesAndReadsTheRealPostgres() throws Exception {
        JdbcDatabase db = infra.createDatabase("it_db");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int PRIMARY KEY, v text)");
            s.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
            try (ResultSet rs = s.executeQuery("SELECT string_agg(v, ',' ORDER BY id), version() FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("one,two");
                assertThat(rs.getString(2)).startsWith("PostgreSQL");
            }
        }
    }

    @Test
    void keepsCommittedRecordsAcrossABrokerRestart() throws Exception {
        if (!infra.mode().equals("local")) {
            return; // only the local child-JVM broker can be restarted from here; the other modes are asserted above
        }
        String topic = TestInfrastructure.uniqueName("it-restart");
        infra.createTopic(topic, 1);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, "before", "1".getBytes())).get();
        }
        infra.kafka().stop();
        infra.kafka().start();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, "after", "2".getBytes())).get();
        }
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (keys.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
            }
        }
        assertThat(keys).containsExactly("before", "after");
    }

    private List<ImageRef> consumeAll(String topic, int expected) {
        List<ImageRef> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    ImageRef ref = codec.decodeImageRef(r.value());
                    assertThat(r.key()).isEqualTo(ref.imgUniqueId());
                    out.add(ref);
                }
            }
        }
        return out;
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, TestInfrastructure.uniqueName("it-group"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
