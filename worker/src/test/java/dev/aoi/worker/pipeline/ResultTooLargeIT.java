package dev.aoi.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.DeadLetters;
import dev.aoi.common.Topics;
import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.ImageRef;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.common.event.RegionResult;
import dev.aoi.infra.testing.TestInfrastructure;
import dev.aoi.worker.WorkerApplication;
import dev.aoi.worker.inspect.FrameOutcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A result under the worker's own limit (8 MiB) but over the results topic's (Kafka's default 1 MB): the broker
 * refuses it. It must end as a RESULT_TOO_LARGE dead letter, not as a rewind that infers it again forever, and the
 * worker's readiness must say that the topic is too small for its results.
 */
class ResultTooLargeIT {

    /** A stand-in model: "huge" frames get 6,000 regions of random measurements (about 2 MB of JSON). */
    private static final class HugeResults implements BatchInspector {
        final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<FrameOutcome> inspect(List<ImageRef> refs) {
            Random random = new Random(7);
            List<FrameOutcome> out = new ArrayList<>();
            for (ImageRef ref : refs) {
                seen.add(ref.imgUniqueId());
                List<RegionResult> regions = new ArrayList<>();
                if (ref.imgUniqueId().contains("huge")) {
                    for (int i = 0; i < 6000; i++) {
                        double major = 1 + random.nextDouble() * 100;
                        regions.add(new RegionResult(i + 1, random.nextDouble() * 4000, random.nextDouble() * 4000,
                                i % 4000, i / 4000, 1, 1, 1, random.nextDouble() * 50, major, major, 1, 1));
                    }
                }
                out.add(new FrameOutcome.Inspected(InspectionResult.of(ref, 4000, 4000, Instant.now(), 0.01, "w-big",
                        FakeFrameInspector.MODEL, List.of(), List.of(ClassResult.of(1, "PI_Particle", regions)))));
            }
            return out;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aResultTheTopicRefusesIsADeadLetterNotARewind() throws Exception {
        TestInfrastructure infra = TestInfrastructure.shared();
        String images = TestInfrastructure.uniqueName("images");
        String results = TestInfrastructure.uniqueName("results");
        String dlt = images + Topics.DLT_SUFFIX;
        infra.createTopic(images, 1);
        infra.createTopic(results, 1); // Kafka's default max.message.bytes
        infra.createTopic(dlt, 1);
        HugeResults model = new HugeResults();
        EventCodec codec = new EventCodec();
        try (ConfigurableApplicationContext worker = new SpringApplicationBuilder(WorkerApplication.class)
                .initializers(c -> ((GenericApplicationContext) c).registerBean("hugeResults", BatchInspector.class,
                        () -> model))
                .run("--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                        "--spring.kafka.producer.compression-type=none",
                        "--server.port=0",
                        "--aoi.worker.worker-id=w-big",
                        "--aoi.worker.images-topic=" + images,
                        "--aoi.worker.results-topic=" + results,
                        "--aoi.worker.group-id=" + TestInfrastructure.uniqueName("big"),
                        "--aoi.worker.retry.initial=100ms",
                        "--aoi.worker.retry.max=500ms");
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(infra.bytesProducerConfig());
                KafkaConsumer<byte[], byte[]> outputs = new KafkaConsumer<>(infra.bytesConsumerConfig())) {
            for (String id : List.of("huge-1", "next-1")) {
                ImageRef ref = ImageRef.of(id, "/data/" + id + ".png", Instant.now());
                producer.send(new ProducerRecord<>(images, id.getBytes(StandardCharsets.UTF_8), codec.encode(ref))).get();
            }
            List<TopicPartition> read = List.of(new TopicPartition(results, 0), new TopicPartition(dlt, 0));
            outputs.assign(read);
            outputs.seekToBeginning(read);
            Map<String, String> deadLetter = new HashMap<>();
            List<String> stored = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((stored.isEmpty() || deadLetter.isEmpty()) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : outputs.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(results)) {
                        stored.add(codec.decodeResult(r.value()).imgUniqueId());
                    } else {
                        r.headers().forEach(h -> deadLetter.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                    }
                }
            }
            assertThat(deadLetter).as("the refused result's dead letter")
                    .containsEntry(DeadLetters.REASON, "RESULT_TOO_LARGE")
                    .containsEntry(DeadLetters.SOURCE_OFFSET, "0");
            assertThat(deadLetter.get(DeadLetters.DETAIL)).contains("max.message.bytes");
            assertThat(stored).containsExactly("next-1");
            assertThat(model.seen).as("inferred once, never rewound and inferred again").containsExactly("huge-1", "next-1");

            String base = "http://127.0.0.1:" + worker.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
            assertThat(ready.body()).contains("\"resultsTopic\":{\"status\":\"DOWN\"}")
                    .as("details are not public").doesNotContain("max.message.bytes");
            assertThat(worker.getBean(ResultsTopicHealthIndicator.class).health().getDetails().get("error"))
                    .asString().contains("max.message.bytes").contains(results).contains("8454144");
        }
    }
}
