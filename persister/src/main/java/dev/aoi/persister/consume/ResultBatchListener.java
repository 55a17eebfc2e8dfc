package dev.aoi.persister.consume;

import dev.aoi.common.DeadLetters;
import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.EventFormatException;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.persister.write.BatchOutcome;
import dev.aoi.persister.write.Rejection;
import dev.aoi.persister.write.ResultBatchWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchAcknowledgingMessageListener;
import org.springframework.kafka.support.Acknowledgment;

/**
 * One poll batch of {@code aoi.results}: decode, store in one transaction, dead-letter what can never be stored,
 * and only then acknowledge (commit the offsets). A transient fault throws before anything is acknowledged;
 * the container's error handler retries the batch with backoff.
 */
public final class ResultBatchListener implements BatchAcknowledgingMessageListener<byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(ResultBatchListener.class);

    private final ResultBatchWriter writer;
    private final DeadLetterPublisher deadLetters;
    private final PersisterMetrics metrics;
    private final EventCodec codec = new EventCodec();

    ResultBatchListener(ResultBatchWriter writer, DeadLetterPublisher deadLetters, PersisterMetrics metrics) {
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Override
    public void onMessage(List<ConsumerRecord<byte[], byte[]>> records, Acknowledgment ack) {
        metrics.batch(records.size());
        List<InspectionResult> results = new ArrayList<>(records.size());
        List<ConsumerRecord<byte[], byte[]>> sources = new ArrayList<>(records.size());
        List<DeadLetter> dead = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                results.add(codec.decodeResult(record.value()));
                sources.add(record);
            } catch (EventFormatException e) {
                dead.add(new DeadLetter(record, e.deadLetterReason(), e.getMessage() + " (" + where(record) + ")"));
            }
        }
        if (!results.isEmpty()) {
            long start = System.nanoTime();
            BatchOutcome outcome;
            try {
                outcome = writer.write(results);
            } catch (SQLException e) {
                throw new DatabaseUnavailableException(records, e);
            }
            metrics.written(outcome, System.nanoTime() - start);
            Instant committed = Instant.now();
            boolean[] refused = new boolean[results.size()];
            outcome.rejected().forEach(r -> refused[r.index()] = true);
            for (int i = 0; i < results.size(); i++) {
                if (!refused[i]) {
                    metrics.stored(results.get(i).capturedAt(), committed);
                }
            }
            for (Rejection rejection : outcome.rejected()) {
                ConsumerRecord<byte[], byte[]> source = sources.get(rejection.index());
                dead.add(new DeadLetter(source, DeadLetters.Reason.CONSTRAINT_VIOLATION,
                        "the database refused result " + results.get(rejection.index()).imgUniqueId() + " (SQLState "
                                + rejection.sqlState() + "): " + rejection.detail() + " (" + where(source) + ")"));
            }
        }
        deadLetters.publish(dead);
        for (DeadLetter letter : dead) {
            metrics.deadLetter(letter.reason());
            log.warn("dead-lettered {}: {}", letter.reason(), letter.detail());
        }
        ack.acknowledge();
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /** The database could not take the batch for now; nothing was committed and the batch will be retried. */
    static final class DatabaseUnavailableException extends RuntimeException {
        DatabaseUnavailableException(List<ConsumerRecord<byte[], byte[]>> records, SQLException cause) {
            super("could not store a batch of " + records.size() + " results from " + where(records.get(0))
                    + " (SQLState " + cause.getSQLState() + ": " + cause.getMessage()
                    + "); will retry with backoff — check that PostgreSQL is up and migrated", cause);
        }
    }
}
