package dev.aoi.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.worker.WorkerProperties;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class KafkaClientConfigsTest {

    private static WorkerProperties worker(Map<String, Object> env) {
        StandardEnvironment environment = new StandardEnvironment();
        // under the name Boot maps with its environment-variable rules, instead of the real environment
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        return Binder.get(environment).bindOrCreate("aoi.worker", WorkerProperties.class);
    }

    @Test
    void theConsumerCommitsByHandReadsBytesAndRebalancesCooperatively() {
        Map<String, Object> base = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "b:9092",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        Map<String, Object> c = KafkaClientConfigs.consumer(base, worker(Map.of("AOI_WORKER_GROUP_ID", "g")));
        assertThat(c).containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "b:9092")
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "g")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                        CooperativeStickyAssignor.class.getName())
                .as("a tunable set by the user stays").containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
    }

    @Test
    void maxPollRecordsDefaultsToTheBatchSize() {
        Map<String, Object> c = KafkaClientConfigs.consumer(Map.of(), worker(Map.of("AOI_WORKER_BATCH_SIZE", "8")));
        assertThat(c).containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 8);
        assertThat(c).as("fetch buffers sized to the batch, not Kafka's 50 MiB")
                .containsEntry(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 1 << 20);
    }

    @Test
    void theNewGroupProtocolHasNoClientAssignor() {
        Map<String, Object> c = KafkaClientConfigs.consumer(
                Map.of(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, "x"),
                worker(Map.of("AOI_WORKER_GROUP_PROTOCOL", "consumer")));
        assertThat(c).containsEntry(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer")
                .doesNotContainKey(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
    }

    @Test
    void theProducerIsIdempotentAndTransactionalOnlyWhenAskedTo() {
        Map<String, Object> plain = KafkaClientConfigs.producer(Map.of(ProducerConfig.ACKS_CONFIG, "1"),
                worker(Map.of("AOI_WORKER_WORKER_ID", "w7")));
        assertThat(plain).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);

        Map<String, Object> tx = KafkaClientConfigs.producer(Map.of(),
                worker(Map.of("AOI_WORKER_WORKER_ID", "w7", "AOI_WORKER_TRANSACTIONS_ENABLED", "true")));
        assertThat(tx).containsEntry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "aoi-worker-w7");
    }
}
