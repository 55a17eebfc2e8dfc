package dev.aoi.producer.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.infra.testing.TestInfrastructure;
import dev.aoi.producer.publish.ImageRefPublisher;
import dev.aoi.producer.publish.PublishMetrics;
import dev.aoi.producer.publish.TopicReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch folder on the real broker: complete files only, once each, across a restart. */
class WatchFolderGatewayIT {

    private static final Duration STABLE = Duration.ofMillis(400);

    private final TestInfrastructure infra = TestInfrastructure.shared();

    @TempDir
    Path root;
    @TempDir
    Path state;

    @Test
    void publishesOnlyCompleteFilesOnceAcrossARestart() throws Exception {
        String topic = TestInfrastructure.uniqueName("watch-images");
        infra.createTopic(topic, 2);
        Path old = png(root.resolve("cam-a/old.png"));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        PublishMetrics metrics = PublishMetrics.inMemory();
        try (ImageRefPublisher publisher = publisher(topic, metrics);
                WatchFolderGateway gateway = gateway(publisher, metrics)) {
            // a file that grows slowly: pauses shorter than the stability window, so it is never published half-written
            Path growing = root.resolve("cam-a/growing.png");
            byte[] whole = pngBytes();
            try (OutputStream out = Files.newOutputStream(growing)) {
                for (int i = 0; i < whole.length; i += whole.length / 5 + 1) {
                    out.write(whole, i, Math.min(whole.length / 5 + 1, whole.length - i));
                    out.flush();
                    gateway.scanOnce();
                    Thread.sleep(150);
                    assertThat(gateway.scanOnce()).as("nothing published while the file grows").isZero();
                }
            }
            // the usual write-then-rename: the temporary is ignored, the renamed file published once stable
            Path part = png(root.resolve("cam-b/.renamed.png.part"));
            Path tmp = png(root.resolve("cam-b/other.png.tmp"));
            Files.move(part, root.resolve("cam-b/renamed.png"), StandardCopyOption.ATOMIC_MOVE);
            awaitPublished(gateway, 2);
            assertThat(Files.exists(tmp)).isTrue();
        }
        List<TopicReader.Keyed> first = TopicReader.readAll(infra.kafkaBootstrapServers(), topic);
        assertThat(first).extracting(TopicReader.Keyed::key)
                .containsExactlyInAnyOrder("cam-a:growing.png", "cam-b:renamed.png");
        TopicReader.Keyed growing = first.stream().filter(r -> r.key().equals("cam-a:growing.png")).findFirst()
                .orElseThrow();
        assertThat(growing.ref().cameraId()).isEqualTo("cam-a");
        assertThat(growing.ref().imageUri()).isEqualTo(root.resolve("cam-a/growing.png").toUri().toString());
        assertThat(growing.ref().capturedAt().toEpochMilli())
                .isEqualTo(Files.getLastModifiedTime(root.resolve("cam-a/growing.png")).toMillis());
        assertThat(Files.size(Path.of(java.net.URI.create(growing.ref().imageUri())))).isEqualTo(pngBytes().length);

        // while the gateway is down, two frames arrive (one with an old mtime, as `cp -p` would leave it)
        png(root.resolve("cam-a/while-down.png"));
        Path preserved = png(root.resolve("cam-c/copied-with-old-mtime.png"));
        Files.setLastModifiedTime(preserved, FileTime.from(Instant.now().minus(Duration.ofDays(3))));

        try (ImageRefPublisher publisher = publisher(topic, metrics);
                WatchFolderGateway gateway = gateway(publisher, metrics)) {
            awaitPublished(gateway, 2);
            Thread.sleep(STABLE.toMillis() + 200);
            assertThat(gateway.scanOnce()).as("nothing else to publish").isZero();
        }
        List<TopicReader.Keyed> all = TopicReader.readAll(infra.kafkaBootstrapServers(), topic);
        assertThat(all).extracting(TopicReader.Keyed::key).containsExactlyInAnyOrder("cam-a:growing.png",
                "cam-b:renamed.png", "cam-a:while-down.png", "cam-c:copied-with-old-mtime.png");
        assertThat(metrics.publishedCount("watch")).isEqualTo(4);
    }

    private ImageRefPublisher publisher(String topic, PublishMetrics metrics) {
        return ImageRefPublisher.connect(infra.kafkaBootstrapServers(), topic, metrics, "watch", Map.of());
    }

    private WatchFolderGateway gateway(ImageRefPublisher publisher, PublishMetrics metrics) {
        WatchFolderSettings settings = WatchFolderSettings.of(root, state).withStableFor(STABLE)
                .withPollInterval(Duration.ofMillis(100));
        return new WatchFolderGateway(settings, publisher, metrics, Clock.systemUTC());
    }

    private static void awaitPublished(WatchFolderGateway gateway, int expected) throws InterruptedException {
        int published = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (published < expected && System.nanoTime() < deadline) {
            published += gateway.scanOnce();
            Thread.sleep(100);
        }
        assertThat(published).isEqualTo(expected);
    }

    private static Path png(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, pngBytes());
        return file;
    }

    static byte[] pngBytes() throws Exception {
        return dev.aoi.producer.TestImages.pngBytes();
    }
}
