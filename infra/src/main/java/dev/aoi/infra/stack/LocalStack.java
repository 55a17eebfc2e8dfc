package dev.aoi.infra.stack;

import dev.aoi.common.DatabaseUrl;
import dev.aoi.common.Topics;
import dev.aoi.infra.kafka.LocalKafka;
import dev.aoi.infra.kafka.TopicProvisioner;
import dev.aoi.infra.kafka.TopicProvisioner.TopicSpec;
import dev.aoi.infra.postgres.JdbcDatabase;
import dev.aoi.infra.postgres.LocalPostgres;
import java.util.List;

/** The pipeline's infrastructure on one machine: a real Kafka broker (KRaft) and a real PostgreSQL. */
public final class LocalStack implements AutoCloseable {

    private final LocalKafka kafka;
    private final LocalPostgres postgres;
    private final JdbcDatabase database;

    private LocalStack(LocalKafka kafka, LocalPostgres postgres, JdbcDatabase database) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.database = database;
    }

    /** Starts the broker and PostgreSQL (unless {@code DATABASE_URL} names one) and creates the topics of docs/events.md. */
    public static LocalStack start(StackSettings s) {
        LocalKafka kafka = new LocalKafka(s.home().resolve("kafka"), s.kafkaPort(), s.kafkaControllerPort(), "1g");
        LocalPostgres postgres = null;
        try {
            kafka.start();
            JdbcDatabase database;
            if (s.databaseUrl() != null) {
                database = JdbcDatabase.of(DatabaseUrl.parse(s.databaseUrl()));
            } else {
                postgres = LocalPostgres.start(s.home().resolve("postgres"), s.postgresPort(), false, true);
                database = postgres.ensureDatabase("aoi");
            }
            TopicProvisioner.ensureTopics(kafka.bootstrapServers(), List.of(
                    new TopicSpec(s.imagesTopic(), s.imagesPartitions()),
                    new TopicSpec(s.imagesTopic() + Topics.DLT_SUFFIX, 1),
                    new TopicSpec(s.resultsTopic(), s.resultsPartitions(), TopicProvisioner.RESULT_TOPIC_CONFIGS),
                    new TopicSpec(s.resultsTopic() + Topics.DLT_SUFFIX, 1, TopicProvisioner.RESULT_TOPIC_CONFIGS)));
            return new LocalStack(kafka, postgres, database);
        } catch (RuntimeException e) {
            kafka.stop();
            if (postgres != null) {
                postgres.close();
            }
            throw e;
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public JdbcDatabase database() {
        return database;
    }

    public LocalKafka kafka() {
        return kafka;
    }

    @Override
    public void close() {
        try {
            kafka.stop();
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
