package dev.aoi.persister;

import com.zaxxer.hikari.HikariDataSource;
import dev.aoi.common.DatabaseUrl;
import dev.aoi.persister.consume.PersisterMetrics;
import dev.aoi.persister.consume.ResultsConsumer;
import dev.aoi.persister.consume.ResultsConsumerHealthIndicator;
import dev.aoi.persister.db.DatabaseMigrations;
import dev.aoi.persister.db.PoolSettings;
import dev.aoi.persister.db.PooledDataSources;
import dev.aoi.persister.db.SchemaOnStart;
import dev.aoi.persister.db.SqlEcho;
import dev.aoi.persister.lifecycle.LifecycleScheduler;
import dev.aoi.persister.lifecycle.Partitions;
import dev.aoi.persister.lifecycle.ResultImageFiles;
import dev.aoi.persister.lifecycle.RetentionJob;
import java.nio.file.Path;
import java.time.Clock;
import dev.aoi.persister.write.ResultBatchWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** Builds the plain objects of the persister as beans: pool, schema, writer, and the Kafka batch consumer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PersisterProperties.class)
class PersisterConfiguration {

    @Bean(destroyMethod = "close")
    DataSource dataSource(PersisterProperties properties) {
        PersisterProperties.Database db = properties.database();
        HikariDataSource pool = PooledDataSources.create(DatabaseUrl.parse(db.url()),
                new PoolSettings(db.poolSize(), db.maxOverflow()), "persister", db.connectionTimeout());
        return SqlEcho.wrap(pool, db.echo());
    }

    @Bean
    SchemaOnStart schemaOnStart(DataSource dataSource, PersisterProperties properties) {
        SchemaOnStart schema = new SchemaOnStart(new DatabaseMigrations(dataSource), properties.retry().initial(),
                properties.retry().max());
        if (properties.migrateOnStart()) {
            schema.migrate();
        }
        return schema;
    }

    @Bean
    ResultBatchWriter resultBatchWriter(DataSource dataSource, SchemaOnStart schemaReady) {
        return new ResultBatchWriter(dataSource);
    }

    @Bean(destroyMethod = "close")
    LifecycleScheduler lifecycleScheduler(DataSource dataSource, SchemaOnStart schemaReady,
            PersisterProperties properties, MeterRegistry registry) {
        PersisterProperties.Lifecycle lifecycle = properties.lifecycle();
        String root = lifecycle.resultImagesRoot();
        ResultImageFiles files = new ResultImageFiles(root == null || root.isBlank() ? null : Path.of(root));
        LifecycleScheduler scheduler = new LifecycleScheduler(new Partitions(dataSource),
                new RetentionJob(dataSource, files, Clock.systemUTC()), lifecycle.monthsAhead(), registry);
        scheduler.start(lifecycle.retention() ? lifecycle.firstRetentionRun() : null, lifecycle.interval());
        return scheduler;
    }

    @Bean
    PersisterMetrics persisterMetrics(MeterRegistry registry) {
        return new PersisterMetrics(registry);
    }

    @Bean
    ConcurrentMessageListenerContainer<byte[], byte[]> resultsContainer(ConsumerFactory<byte[], byte[]> consumers,
            KafkaTemplate<byte[], byte[]> producer, ResultBatchWriter writer, PersisterMetrics metrics,
            PersisterProperties properties) {
        return ResultsConsumer.container(consumers, producer, writer, metrics, properties.resultsTopic(),
                properties.effectiveDeadLetterTopic(), properties.groupId(), properties.effectiveInstanceId(),
                properties.concurrency(), properties.retry().initial(), properties.retry().multiplier(),
                properties.retry().max());
    }

    @Bean(destroyMethod = "close")
    ResultsConsumerHealthIndicator resultsConsumerHealthIndicator(
            ConcurrentMessageListenerContainer<byte[], byte[]> resultsContainer, KafkaProperties kafka,
            PersisterProperties properties) {
        return new ResultsConsumerHealthIndicator(resultsContainer, kafka.buildAdminProperties(),
                properties.resultsTopic(), Duration.ofSeconds(3));
    }
}
