package dev.aoi.persister.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.infra.testing.TestInfrastructure;
import dev.aoi.persister.bench.SyntheticResults;
import dev.aoi.persister.testing.MigratedDatabase;
import dev.aoi.persister.write.ResultBatchWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Rebuilding rows from the results topic: exactly the range, resumable, idempotent, the live group untouched. */
class ResultsReplayIT {

    private final TestInfrastructure infra = TestInfrastructure.shared();
    private final EventCodec codec = new EventCodec();

    @Test
    void rebuildsExactlyTheRangeOnceAcrossAnInterruptionWithoutTouchingTheLiveGroup() throws Exception {
        String topic = TestInfrastructure.uniqueName("replay-results");
        infra.createTopic(topic, 3);
        List<InspectionResult> results = new SyntheticResults(3).results(40, 8, Instant.parse("2026-11-23T08:00:00Z"));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (InspectionResult r : results) {
                producer.send(new ProducerRecord<>(topic, r.imgUniqueId().getBytes(), codec.encode(r))).get();
            }
            producer.send(new ProducerRecord<>(topic, "junk".getBytes(), "not json".getBytes())).get();
        }
        // results 10..29 were captured in [EPOCH + 2.5 s, EPOCH + 7.5 s)
        Instant from = SyntheticResults.EPOCH.plusMillis(2500);
        Instant to = SyntheticResults.EPOCH.plusMillis(7500);

        try (MigratedDatabase db = MigratedDatabase.create()) {
            ResultBatchWriter writer = new ResultBatchWriter(db.dataSource());
            ResultsReplay.Progress dry = run(topic, from, to, true, false, writer);
            assertThat(dry.matched()).isEqualTo(20);
            assertThat(db.count("images")).isZero();

            ResultsReplay.Progress first = run(topic, from, to, false, true, writer);
            assertThat(first.remaining()).as("interrupted").isPositive();
            ResultsReplay.Progress second = run(topic, from, to, false, false, writer);
            assertThat(second.remaining()).isZero();
            assertThat(first.matched() + second.matched()).as("each result read once").isEqualTo(20);
            assertThat(db.count("images")).isEqualTo(20);
            assertThat(db.count("classes")).isEqualTo(80);
            assertThat(db.count("regions")).isEqualTo(160);
            assertThat(db.query("SELECT min(right(img_unique_id, 7)) || ' ' || max(right(img_unique_id, 7)) FROM images"))
                    .isEqualTo("0000010 0000029");
            String checksum = db.checksum();

            ResultsReplay.Progress third = run(topic, from, to, false, false, writer);
            assertThat(third.matched()).as("a finished replay reads nothing more").isZero();
            assertThat(db.checksum()).isEqualTo(checksum);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            assertThat(admin.listConsumerGroupOffsets("aoi-persister").partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).keySet()).noneMatch(tp -> tp.topic().equals(topic));
        }
    }

    private ResultsReplay.Progress run(String topic, Instant from, Instant to, boolean dryRun, boolean interrupt,
            ResultBatchWriter writer) throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, ResultsReplay.groupId(from, to) + "-" + topic,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 3,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(30).toMillis()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            ResultsReplay replay = new ResultsReplay(consumer, writer);
            return replay.run(topic, from, to, dryRun, p -> {
                if (interrupt) {
                    replay.requestStop();
                }
            });
        }
    }
}
