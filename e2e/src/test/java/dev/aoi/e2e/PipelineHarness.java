package dev.aoi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.Topics;
import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.ImageRef;
import dev.aoi.infra.postgres.JdbcDatabase;
import dev.aoi.infra.process.PipelineProcesses;
import dev.aoi.infra.process.ServiceProcess;
import dev.aoi.infra.net.TcpProxy;
import dev.aoi.infra.testing.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One isolated pipeline for a test: its own topics, consumer groups and database on the shared real broker and
 * PostgreSQL, and the real services started from their runnable jars. The database is reached through a
 * {@link TcpProxy} so that a test can cut it off.
 */
final class PipelineHarness implements AutoCloseable {

    static final Path ROOT = ServiceProcess.repositoryRoot();
    static final Path COLOUR_MODEL = ROOT.resolve("worker/src/test/resources/models/colour.onnx");

    final TestInfrastructure infra = TestInfrastructure.shared();
    final String images = TestInfrastructure.uniqueName("e2e-images");
    final String results = TestInfrastructure.uniqueName("e2e-results");
    final String workerGroup = TestInfrastructure.uniqueName("e2e-workers");
    final String persisterGroup = TestInfrastructure.uniqueName("e2e-persister");
    final JdbcDatabase db;
    final TcpProxy dbProxy;
    final JdbcDatabase dbThroughProxy;
    final Path dir;
    final Path imageRoot;
    final PipelineProcesses processes;
    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer;

    PipelineHarness(int partitions) throws IOException {
        infra.createTopic(images, partitions);
        infra.createTopic(images + ".DLT", 1);
        infra.createTopic(results, partitions);
        infra.createTopic(results + ".DLT", 1);
        db = infra.createDatabase("e2e");
        String hostPort = db.url().replaceAll("^jdbc:postgresql://([^/]+)/.*$", "$1");
        int port = Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1));
        dbProxy = new TcpProxy("127.0.0.1", port);
        dbThroughProxy = new JdbcDatabase(db.url().replace(":" + port + "/", ":" + dbProxy.port() + "/"), db.user(),
                db.password());
        dir = Files.createTempDirectory("aoi-e2e-");
        imageRoot = Files.createDirectories(dir.resolve("images"));
        processes = new PipelineProcesses(ROOT, infra.kafkaBootstrapServers(),
                new Topics(images, results, workerGroup, persisterGroup),
                List.of("-Xmx512m", "-Xss16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), dir.resolve("logs"));
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
    }

    ServiceProcess startWorker(String name) {
        return processes.startWorker(name, COLOUR_MODEL, imageRoot, dir.resolve("results"),
                Map.of("AOI_WORKER_DEVICE", "cpu"));
    }

    ServiceProcess startPersister() {
        return processes.startPersister("persister", dbThroughProxy.urlWithCredentials(), Map.of());
    }

    /** The services started so far. */
    List<ServiceProcess> services() {
        return processes.services();
    }

    /** Writes {@code n} frames and publishes their references; returns what each frame truly holds. */
    List<TestFrames.Frame> publishFrames(String prefix, int n, long seed) throws Exception {
        List<TestFrames.Frame> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestFrames.Frame frame = TestFrames.write(imageRoot, prefix + "-" + i, seed * 100_003 + i);
            frames.add(frame);
            publish(ImageRef.of(frame.id(), frame.path().toUri().toString(), Instant.now()).withCamera("cam-e2e"));
        }
        producer.flush();
        return frames;
    }

    void publish(ImageRef ref) throws Exception {
        producer.send(new ProducerRecord<>(images, ref.imgUniqueId(), codec.encode(ref))).get();
    }

    void publishRaw(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(images, key, value)).get();
    }

    /** Waits until {@code condition} holds, failing with the services' logs after {@code timeout}. */
    void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + processes.logTails(30));
    }

    long storedImages() {
        return queryLong("SELECT count(*) FROM images");
    }

    long queryLong(String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1; // the persister may not have created the schema yet
        }
    }

    long deadLetters(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            return admin.listOffsets(Map.of(new TopicPartition(topic, 0), OffsetSpec.latest())).all()
                    .get(10, TimeUnit.SECONDS).values().iterator().next().offset();
        } catch (Exception e) {
            throw new AssertionError("cannot read the end offset of " + topic, e);
        }
    }

    /**
     * Every frame is stored exactly once: one image row, one class row per class (zero counts included), and
     * exactly the regions it holds, with their true areas and bounding boxes; nothing else is in the tables.
     */
    void assertStoredExactly(List<TestFrames.Frame> frames) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM images")).isEqualTo(frames.size());
            assertThat(count(s, "SELECT count(*) FROM classes")).isEqualTo(4L * frames.size());
            long expectedRegions = frames.stream().mapToLong(f -> f.boxes().size()).sum();
            assertThat(count(s, "SELECT count(*) FROM regions")).isEqualTo(expectedRegions);
            Map<String, String> actual = new HashMap<>();
            try (ResultSet rs = s.executeQuery("""
                    SELECT c.img_unique_id, c.class_id, c.total_regions, c.total_area_pixels,
                           coalesce(string_agg(r.bbox_x || ',' || r.bbox_y || ',' || r.bbox_width || ','
                                    || r.bbox_height || ',' || r.area_pixels, ';'
                                    ORDER BY r.bbox_y, r.bbox_x), '')
                    FROM classes c LEFT JOIN regions r ON r.class_unique_id = c.class_unique_id
                    GROUP BY c.class_unique_id, c.img_unique_id, c.class_id, c.total_regions, c.total_area_pixels""")) {
                while (rs.next()) {
                    actual.put(rs.getString(1) + "/" + rs.getInt(2),
                            rs.getLong(3) + "|" + rs.getLong(4) + "|" + rs.getString(5));
                }
            }
            Map<String, String> expected = new HashMap<>();
            for (TestFrames.Frame f : frames) {
                for (int classId = 1; classId <= 4; classId++) {
                    int cls = classId;
                    String boxes = f.boxes().stream().filter(b -> b.classId() == cls)
                            .sorted(java.util.Comparator.comparingInt(TestFrames.Box::y)
                                    .thenComparingInt(TestFrames.Box::x))
                            .map(b -> b.x() + "," + b.y() + "," + b.width() + "," + b.height() + "," + b.area())
                            .reduce((a, b) -> a + ";" + b).orElse("");
                    expected.put(f.id() + "/" + classId, f.regions(classId) + "|" + f.area(classId) + "|" + boxes);
                }
            }
            assertThat(actual).isEqualTo(expected);
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        processes.close();
        producer.close();
        dbProxy.close();
    }
}
