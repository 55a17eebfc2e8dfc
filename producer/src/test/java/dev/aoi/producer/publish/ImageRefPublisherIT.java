package dev.aoi.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aoi.common.event.ImageRef;
import dev.aoi.infra.testing.TestInfrastructure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/** The Java API on the real broker: keyed by id, acknowledged, validated before anything is sent. */
class ImageRefPublisherIT {

    private final TestInfrastructure infra = TestInfrastructure.shared();

    @Test
    void publishesKeyedRefsThatTheStrictCodecReadsBack() {
        String topic = TestInfrastructure.uniqueName("pub-images");
        infra.createTopic(topic, 3);
        PublishMetrics metrics = PublishMetrics.inMemory();
        ImageRef ref = new ImageRef(1, "panel-7:frame-0001.png", "file:///data/frames/0001.png", "cam-1",
                Instant.parse("2026-11-23T10:15:30.123Z"), Map.of("lot", "L42"));
        try (ImageRefPublisher publisher = ImageRefPublisher.connect(infra.kafkaBootstrapServers(), topic, metrics,
                "api", Map.of())) {
            RecordMetadata meta = publisher.publish(ref);
            assertThat(meta.offset()).isGreaterThanOrEqualTo(0);
            List<CompletableFuture<RecordMetadata>> more = List.of(
                    publisher.publishAsync(ImageRef.of("b", "/data/b.png", Instant.EPOCH)),
                    publisher.publishAsync(ImageRef.of("c", "/data/c.png", Instant.EPOCH)));
            more.forEach(CompletableFuture::join);

            assertThatThrownBy(() -> publisher.publish(ImageRef.of("d", "relative/d.png", Instant.EPOCH)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image_uri");
        }
        List<TopicReader.Keyed> records = TopicReader.readAll(infra.kafkaBootstrapServers(), topic);
        assertThat(records).extracting(TopicReader.Keyed::key).containsExactlyInAnyOrder("panel-7:frame-0001.png", "b", "c");
        assertThat(records).filteredOn(r -> r.key().equals(ref.imgUniqueId())).singleElement()
                .extracting(TopicReader.Keyed::ref).isEqualTo(ref);
        assertThat(metrics.publishedCount("api")).isEqualTo(3);
        assertThat(metrics.rejectedCount("api", "bad_field")).isEqualTo(1);
        assertThat(metrics.registry().find(PublishMetrics.LATENCY).timer().count()).isEqualTo(3);
    }
}
