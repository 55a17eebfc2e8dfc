package dev.aoi.producer.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.synthetic.PcbFrameRenderer;
import dev.aoi.infra.testing.TestInfrastructure;
import dev.aoi.producer.publish.ImageRefPublisher;
import dev.aoi.producer.publish.PublishMetrics;
import dev.aoi.producer.publish.TopicReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic camera on the real broker: every frame written whole, then referenced once under a stable id. */
class SimulatedCameraIT {

    @TempDir
    Path imageRoot;

    @Test
    void writesFramesAndPublishesARefForEach() throws Exception {
        TestInfrastructure infra = TestInfrastructure.shared();
        String topic = TestInfrastructure.uniqueName("sim-images");
        infra.createTopic(topic, 2);
        PublishMetrics metrics = PublishMetrics.inMemory();
        try (ImageRefPublisher publisher = ImageRefPublisher.connect(infra.kafkaBootstrapServers(), topic, metrics,
                "simulator", Map.of())) {
            SimulatedCamera camera = new SimulatedCamera(new PcbFrameRenderer(256, 256), publisher, imageRoot,
                    FrameFiles.Format.JPEG, "sim-cam", "sim");
            long n = camera.run(11, 5, 50, 2, new PrintStream(PrintStream.nullOutputStream()));
            assertThat(n).isEqualTo(5);
        }
        List<TopicReader.Keyed> records = TopicReader.readAll(infra.kafkaBootstrapServers(), topic);
        assertThat(records).extracting(TopicReader.Keyed::key)
                .containsExactlyInAnyOrder("sim-s11-f000000", "sim-s11-f000001", "sim-s11-f000002",
                        "sim-s11-f000003", "sim-s11-f000004");
        for (TopicReader.Keyed r : records) {
            Path file = Path.of(URI.create(r.ref().imageUri()));
            assertThat(file.getParent()).isEqualTo(imageRoot.toAbsolutePath().normalize());
            assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(256);
            assertThat(r.ref().cameraId()).isEqualTo("sim-cam");
        }
        try (var files = Files.list(imageRoot)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("."));
        }
    }
}
