package dev.aoi.infra.testing;

import dev.aoi.common.DatabaseUrl;
import dev.aoi.infra.kafka.LocalKafka;
import dev.aoi.infra.kafka.TopicProvisioner;
import dev.aoi.infra.kafka.TopicProvisioner.TopicSpec;
import dev.aoi.infra.postgres.JdbcDatabase;
import dev.aoi.infra.postgres.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place integration tests get a real Kafka broker and a real PostgreSQL from, started once per JVM:
 * addresses from {@code AOI_TEST_KAFKA_BOOTSTRAP} and {@code AOI_TEST_DATABASE_URL} when set; otherwise
 * Testcontainers where a Docker engine answers; otherwise the local stack's child-JVM broker and embedded
 * PostgreSQL. A service that cannot be had is an error, never a skipped test.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final AtomicLong COUNTER = new AtomicLong();
    private static volatile TestInfrastructure shared;

    private final String mode;
    private final String bootstrapServers;
    private final JdbcDatabase admin;
    private final LocalKafka kafka;

    private TestInfrastructure(String mode, String bootstrapServers, JdbcDatabase admin, LocalKafka kafka) {
        this.mode = mode;
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
        this.kafka = kafka;
    }

    /** The infrastructure of this JVM, started on first call. */
    public static TestInfrastructure shared() {
        TestInfrastructure result = shared;
        if (result == null) {
            synchronized (TestInfrastructure.class) {
                result = shared;
                if (result == null) {
                    result = start();
                    shared = result;
                }
            }
        }
        return result;
    }

    /** {@code 127.0.0.1:port} of the broker. */
    public String kafkaBootstrapServers() {
        return bootstrapServers;
    }

    /** The server's administrative database (use {@link #createDatabase(String)} for a test's own). */
    /** Settings of a raw producer on this broker: byte-array keys and values, as the pipeline's topics hold them. */
    public Properties bytesProducerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    /** Settings of a raw consumer on this broker: byte-array keys and values. */
    public Properties bytesConsumerConfig() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    public JdbcDatabase adminDatabase() {
        return admin;
    }

    /** A new, empty database on the test server. */
    public JdbcDatabase createDatabase(String prefix) {
        return LocalPostgres.createDatabase(admin, uniqueName(prefix).toLowerCase(Locale.ROOT).replace('-', '_')
                .replace('.', '_'), false);
    }

    public void createTopic(String name, int partitions) {
        TopicProvisioner.ensureTopics(bootstrapServers, List.of(new TopicSpec(name, partitions)));
    }

    /** The child-JVM broker, for tests that stop, kill or restart it; only when this JVM started it. */
    public LocalKafka kafka() {
        if (kafka == null) {
            throw new UnsupportedOperationException("the broker is not local (mode " + mode
                    + "): restart tests need the local child-JVM broker");
        }
        return kafka;
    }

    /** How the services were obtained: {@code environment}, {@code testcontainers} or {@code local}. */
    public String mode() {
        return mode;
    }

    /** {@code prefix-<n>-<time>}: unique within and across test runs, valid as a topic, group or database name. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    private static TestInfrastructure start() {
        String kafkaEnv = System.getenv("AOI_TEST_KAFKA_BOOTSTRAP");
        String dbEnv = System.getenv("AOI_TEST_DATABASE_URL");
        if (kafkaEnv != null && dbEnv != null) {
            log.info("integration tests use the services named by AOI_TEST_KAFKA_BOOTSTRAP and AOI_TEST_DATABASE_URL");
            return new TestInfrastructure("environment", kafkaEnv, JdbcDatabase.of(DatabaseUrl.parse(dbEnv)), null);
        }
        if (!"local".equals(System.getenv("AOI_TEST_INFRA")) && DockerProbe.dockerAnswers()) {
            return DockerProbe.startContainers();
        }
        return startLocal();
    }

    private static TestInfrastructure startLocal() {
        Path dir;
        try {
            dir = Files.createTempDirectory("aoi-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalKafka kafka = new LocalKafka(dir.resolve("kafka"));
        LocalPostgres postgres = LocalPostgres.start(dir.resolve("postgres"), 0, true, false);
        kafka.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.kill();
            postgres.close();
            deleteQuietly(dir);
        }, "aoi-test-infra-stop"));
        return new TestInfrastructure("local", kafka.bootstrapServers(), postgres.admin(), kafka);
    }

    static TestInfrastructure containers(String bootstrapServers, JdbcDatabase admin) {
        return new TestInfrastructure("testcontainers", bootstrapServers, admin, null);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
