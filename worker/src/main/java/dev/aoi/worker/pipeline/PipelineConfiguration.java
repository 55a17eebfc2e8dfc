package dev.aoi.worker.pipeline;

import dev.aoi.common.Topics;
import dev.aoi.common.event.EventCodec;
import dev.aoi.common.kafka.DeadLetterRecords;
import dev.aoi.worker.WorkerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.application.DiskSpaceHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** Wires the worker's plain parts (inspector, reader, loop) with Kafka clients built from {@code spring.kafka.*}. */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    /** Longest wait on stop for the inspector's current batch and for outstanding acknowledgements. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    WorkerMetrics workerMetrics(MeterRegistry registry) {
        return new WorkerMetrics(registry);
    }

    /** The real inspector; a test or another configuration may provide its own. Closed (model unloaded) on stop. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    BatchInspector batchInspector(WorkerProperties worker, WorkerMetrics metrics) {
        return FrameInspectorFactory.create(worker, metrics);
    }

    @Bean
    InspectionService inspectionService(KafkaProperties kafka, WorkerProperties worker, BatchInspector inspector,
            EventCodec codec, WorkerMetrics metrics) {
        LoopSettings settings = LoopSettings.of(worker, CLOSE_TIMEOUT);
        DeadLetterRecords deadLetters = new DeadLetterRecords(worker.imagesTopic() + Topics.DLT_SUFFIX,
                worker.workerId(), Clock.systemUTC());
        ImageRefReader reader = new ImageRefReader(codec);
        return new InspectionService(() -> new InspectionLoop(
                new KafkaConsumer<>(KafkaClientConfigs.consumer(kafka.buildConsumerProperties(), worker)),
                () -> new KafkaProducer<>(KafkaClientConfigs.producer(kafka.buildProducerProperties(), worker)),
                inspector, reader, codec, deadLetters, metrics, settings),
                CLOSE_TIMEOUT.multipliedBy(3));
    }

    @Bean
    InspectionHealthIndicator inspectionHealthIndicator(BatchInspector inspector, InspectionService service) {
        return new InspectionHealthIndicator(inspector, service);
    }

    /**
     * Spring Boot's disk-space check on the disk the result images go to (the output root, or its nearest existing
     * parent before the first frame created it): readiness fails when it fills up (docs/security.md).
     */
    @Bean
    DiskSpaceHealthIndicator diskSpaceHealthIndicator(WorkerProperties worker,
            @Value("${management.health.diskspace.threshold:512MB}") DataSize threshold) {
        Path dir = worker.outputRoot().toAbsolutePath().normalize();
        while (dir.getParent() != null && !Files.isDirectory(dir)) {
            dir = dir.getParent();
        }
        return new DiskSpaceHealthIndicator(dir.toFile(), threshold);
    }

    @Bean(destroyMethod = "close")
    ResultsTopicHealthIndicator resultsTopicHealthIndicator(KafkaProperties kafka, WorkerProperties worker) {
        return new ResultsTopicHealthIndicator(kafka.buildAdminProperties(), Duration.ofSeconds(3),
                worker.resultsTopic(), worker.maxResultBytes());
    }

    @Bean(destroyMethod = "close")
    BrokerHealthIndicator brokerHealthIndicator(KafkaProperties kafka) {
        return new BrokerHealthIndicator(kafka.buildAdminProperties(), Duration.ofSeconds(3));
    }
}
