package dev.aoi.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.DeadLetters;
import dev.aoi.common.Topics;
import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.ImageRef;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.infra.testing.TestInfrastructure;
import dev.aoi.worker.TestImages;
import dev.aoi.worker.WorkerApplication;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The frame of the issue on the real worker (real model, real broker): an 8000x8000 single-colour PNG of a few
 * hundred KB passes the 64 MP header limit, but cannot fit a 3 GiB memory budget. It ends as an IMAGE_TOO_LARGE
 * dead letter that names the budget, and the worker goes on with the next frame.
 */
class OversizedFrameIT {

    @TempDir
    Path tmp;

    @Test
    void theOversizedFrameIsADeadLetterAndTheWorkerGoesOn() throws Exception {
        TestInfrastructure infra = TestInfrastructure.shared();
        String images = TestInfrastructure.uniqueName("images");
        String results = TestInfrastructure.uniqueName("results");
        String dlt = images + Topics.DLT_SUFFIX;
        infra.createTopic(images, 1);
        infra.createTopic(results, 1);
        infra.createTopic(dlt, 1);
        Path frames = Files.createDirectories(tmp.resolve("frames"));
        Path huge = frames.resolve("huge.png");
        ImageIO.write(new BufferedImage(8000, 8000, BufferedImage.TYPE_BYTE_GRAY), "png", huge.toFile());
        Path small = TestImages.write(frames, "small.png", TestImages.encode(TestImages.rgb(
                TestImages.rect(32, 24, TestImages.BLACK, TestImages.RED, 2, 2, 5, 4)), "png"));
        assertThat(Files.size(huge)).as("a small file that declares 64 MP").isLessThan(1_000_000);

        EventCodec codec = new EventCodec();
        try (ConfigurableApplicationContext worker = new SpringApplicationBuilder(WorkerApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--server.port=0",
                "--aoi.worker.worker-id=w-mem",
                "--aoi.worker.model=" + TestImages.model("colour"),
                "--aoi.worker.device=cpu",
                "--aoi.worker.allowed-roots=" + frames,
                "--aoi.worker.output-root=" + tmp.resolve("results"),
                "--aoi.worker.images-topic=" + images,
                "--aoi.worker.results-topic=" + results,
                "--aoi.worker.group-id=" + TestInfrastructure.uniqueName("mem"),
                "--aoi.worker.memory.budget=3GB",
                "--aoi.worker.max-result-bytes=200000",
                "--aoi.worker.crash-guard.dir=" + tmp.resolve("inflight"));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(infra.bytesProducerConfig());
                KafkaConsumer<byte[], byte[]> outputs = new KafkaConsumer<>(infra.bytesConsumerConfig())) {
            for (ImageRef ref : List.of(ImageRef.of("huge", huge.toString(), Instant.now()),
                    ImageRef.of("small", small.toString(), Instant.now()))) {
                producer.send(new ProducerRecord<>(images, ref.imgUniqueId().getBytes(StandardCharsets.UTF_8),
                        codec.encode(ref))).get();
            }
            List<TopicPartition> read = List.of(new TopicPartition(results, 0), new TopicPartition(dlt, 0));
            outputs.assign(read);
            outputs.seekToBeginning(read);
            Map<String, String> deadLetter = new HashMap<>();
            InspectionResult result = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while ((result == null || deadLetter.isEmpty()) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : outputs.poll(Duration.ofMillis(200))) {
                    if (r.topic().equals(results)) {
                        result = codec.decodeResult(r.value());
                    } else {
                        r.headers().forEach(h -> deadLetter.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                    }
                }
            }
            assertThat(deadLetter).as("the dead letter of the 8000x8000 frame")
                    .containsEntry(DeadLetters.REASON, "IMAGE_TOO_LARGE");
            assertThat(deadLetter.get(DeadLetters.DETAIL)).contains("8000x8000").contains("memory budget of 3072 MiB");
            assertThat(result).as("the next frame is inspected").isNotNull();
            assertThat(result.imgUniqueId()).isEqualTo("small");
            String base = "http://127.0.0.1:" + worker.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as("the worker is alive and ready: " + ready.body()).isEqualTo(200);
        }
    }
}
