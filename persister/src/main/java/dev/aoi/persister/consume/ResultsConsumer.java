package dev.aoi.persister.consume;

import dev.aoi.persister.write.ResultBatchWriter;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The Kafka side: a batch listener container on the results topic with manual, synchronous offset commits, and
 * an error handler that retries a failed batch forever with capped exponential backoff while keeping the
 * consumer in its group (paused, polling nothing) — transient faults never become dead letters or lost data.
 */
public final class ResultsConsumer {

    private static final Logger log = LoggerFactory.getLogger(ResultsConsumer.class);

    private ResultsConsumer() {
    }

    /** The container; Spring starts and stops it with the application. */
    public static ConcurrentMessageListenerContainer<byte[], byte[]> container(ConsumerFactory<byte[], byte[]> consumers,
            KafkaOperations<byte[], byte[]> producer, ResultBatchWriter writer, PersisterMetrics metrics,
            String topic, String deadLetterTopic, String groupId, String instanceId, int concurrency,
            Duration initialBackoff, double multiplier, Duration maxBackoff) {
        DeadLetterPublisher deadLetters = new DeadLetterPublisher(producer, deadLetterTopic, instanceId,
                Duration.ofSeconds(30));
        ContainerProperties props = new ContainerProperties(topic);
        props.setGroupId(groupId);
        props.setClientId(instanceId);
        props.setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
        props.setSyncCommits(true);
        props.setMessageListener(new ResultBatchListener(writer, deadLetters, metrics));
        ConcurrentMessageListenerContainer<byte[], byte[]> container =
                new ConcurrentMessageListenerContainer<>(consumers, props);
        container.setConcurrency(concurrency);
        container.setCommonErrorHandler(errorHandler(metrics, initialBackoff, multiplier, maxBackoff));
        return container;
    }

    static DefaultErrorHandler errorHandler(PersisterMetrics metrics, Duration initial, double multiplier, Duration max) {
        ExponentialBackOff backOff = new ExponentialBackOff(Math.max(1, initial.toMillis()), multiplier);
        backOff.setMaxInterval(max.toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        // Never reached with an endless backoff; if it were, refusing keeps the offsets uncommitted.
        DefaultErrorHandler handler = new DefaultErrorHandler((record, e) -> {
            throw new IllegalStateException("refusing to skip " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " after a transient fault", e);
        }, backOff);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
                metrics.retry(cause(ex));
            }

            @Override
            public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
                metrics.retry(cause(ex));
                log.warn("batch of {} results not stored (attempt {}), retrying with backoff: {}", records.count(),
                        deliveryAttempt, rootMessage(ex));
            }
        });
        return handler;
    }

    private static String cause(Exception ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof ResultBatchListener.DatabaseUnavailableException) {
                return "database";
            }
            if (t instanceof DeadLetterPublisher.DeadLetterTopicUnavailableException) {
                return "dead_letter_topic";
            }
        }
        return "other";
    }

    private static String rootMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ResultBatchListener.DatabaseUnavailableException
                    || c instanceof DeadLetterPublisher.DeadLetterTopicUnavailableException) {
                return c.getMessage();
            }
            sb.setLength(0);
            sb.append(c.getMessage());
        }
        return sb.toString();
    }
}
