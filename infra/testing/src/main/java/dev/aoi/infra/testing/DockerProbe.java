package dev.aoi.infra.testing;

import dev.aoi.infra.postgres.JdbcDatabase;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The Testcontainers route, taken only where a Docker engine answers. */
final class DockerProbe {

    private DockerProbe() {
    }

    static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' own reaper when the JVM exits
    static TestInfrastructure startContainers() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:16-alpine");
        kafka.start();
        postgres.start();
        return TestInfrastructure.containers(kafka.getBootstrapServers(),
                new JdbcDatabase(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword()));
    }
}
