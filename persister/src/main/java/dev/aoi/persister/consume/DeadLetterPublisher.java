package dev.aoi.persister.consume;

import dev.aoi.common.DeadLetters;
import dev.aoi.common.kafka.DeadLetterRecords;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Sends records to the results' dead-letter topic as {@link DeadLetterRecords} makes them (the headers of
 * {@link DeadLetters}, the original key and value unchanged, so that a fixed record can be replayed as it was).
 * Waits for the broker's acknowledgement; a failure throws, and the caller commits nothing.
 */
final class DeadLetterPublisher {

    private final KafkaOperations<byte[], byte[]> kafka;
    private final String topic;
    private final DeadLetterRecords records;
    private final Duration timeout;

    DeadLetterPublisher(KafkaOperations<byte[], byte[]> kafka, String topic, String instance, Duration timeout) {
        this.kafka = kafka;
        this.topic = topic;
        this.records = new DeadLetterRecords(topic, instance, Clock.systemUTC());
        this.timeout = timeout;
    }

    /** Publishes every dead letter and waits until the broker has them all. */
    void publish(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        List<CompletableFuture<?>> sent = new ArrayList<>(letters.size());
        for (DeadLetter letter : letters) {
            sent.add(kafka.send(toRecord(letter)));
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterTopicUnavailableException(topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DeadLetterTopicUnavailableException(topic, e);
        }
    }

    ProducerRecord<byte[], byte[]> toRecord(DeadLetter letter) {
        return records.of(letter.source(), letter.reason(), letter.detail());
    }

    /** The dead-letter topic did not take the records: retry the batch later (nothing was committed). */
    static final class DeadLetterTopicUnavailableException extends RuntimeException {
        DeadLetterTopicUnavailableException(String topic, Throwable cause) {
            super("could not publish to dead-letter topic " + topic + " (is the broker up and the topic there?); "
                    + "the batch will be retried", cause);
        }
    }
}
