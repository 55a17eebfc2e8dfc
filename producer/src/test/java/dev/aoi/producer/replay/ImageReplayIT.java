package dev.aoi.producer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.ImageRef;
import dev.aoi.infra.testing.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Replaying a time range on the real broker: exactly the matching frames, once, even when interrupted. */
class ImageReplayIT {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private final TestInfrastructure infra = TestInfrastructure.shared();
    private final EventCodec codec = new EventCodec();

    @Test
    void republishesExactlyTheFramesOfTheRangeOnceAcrossAnInterruption() throws Exception {
        String topic = TestInfrastructure.uniqueName("replay-images");
        infra.createTopic(topic, 3);
        String bootstrap = infra.kafkaBootstrapServers();
        List<String> expected = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = ReplayImagesCommand.producer(bootstrap)) {
            for (int i = 0; i < 40; i++) {
                Instant captured = T0.plus(Duration.ofHours(i));
                String camera = i % 2 == 0 ? "cam-a" : "cam-b";
                ImageRef ref = ImageRef.of("frame-" + i, "/frames/" + i + ".png", captured).withCamera(camera);
                producer.send(new ProducerRecord<>(topic, ref.imgUniqueId(), codec.encode(ref))).get();
                if (i >= 10 && i < 30 && camera.equals("cam-a")) {
                    expected.add(ref.imgUniqueId());
                }
            }
            producer.send(new ProducerRecord<>(topic, "junk", "not json".getBytes())).get();
        }
        long before = totalEnd(bootstrap, topic);
        ReplayPlan plan = new ReplayPlan(T0.plus(Duration.ofHours(10)), T0.plus(Duration.ofHours(30)), "cam-a",
                false, topic);

        ImageReplay.Progress dry = runOnce(bootstrap, new ReplayPlan(plan.from(), plan.to(), "cam-a", true, topic), false);
        assertThat(dry.matched()).isEqualTo(expected.size());
        assertThat(totalEnd(bootstrap, topic)).isEqualTo(before);

        ImageReplay.Progress first = runOnce(bootstrap, plan, true);
        assertThat(first.remaining()).as("the first run was interrupted").isPositive();
        ImageReplay.Progress second = runOnce(bootstrap, plan, false);
        assertThat(second.remaining()).isZero();
        ImageReplay.Progress third = runOnce(bootstrap, plan, false);
        assertThat(third.published()).as("a finished replay publishes nothing more").isZero();

        List<String> republished = readFrom(bootstrap, topic, before);
        assertThat(republished).containsExactlyInAnyOrderElementsOf(expected);
    }

    private ImageReplay.Progress runOnce(String bootstrap, ReplayPlan plan, boolean interruptEarly) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, plan.groupId(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2),
                new StringDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<String, byte[]> producer = ReplayImagesCommand.producer(bootstrap)) {
            ImageReplay replay = new ImageReplay(consumer, producer);
            AtomicReference<ImageReplay.Progress> last = new AtomicReference<>();
            ImageReplay.Progress done = replay.run(plan, p -> {
                last.set(p);
                if (interruptEarly) {
                    replay.requestStop();
                }
            });
            return done;
        }
    }

    private long totalEnd(String bootstrap, String topic) {
        try (KafkaConsumer<String, byte[]> c = plainConsumer(bootstrap)) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return c.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private List<String> readFrom(String bootstrap, String topic, long originalTotal) {
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = plainConsumer(bootstrap)) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = c.endOffsets(tps);
            long total = ends.values().stream().mapToLong(Long::longValue).sum();
            List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (all.size() < total && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            for (ConsumerRecord<String, byte[]> r : all) {
                if (r.headers().lastHeader("aoi-replay") != null) {
                    ids.add(r.key());
                }
            }
            assertThat(all.size() - ids.size()).isEqualTo(originalTotal);
        }
        return ids;
    }

    private static KafkaConsumer<String, byte[]> plainConsumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
