package dev.aoi.persister.consume;

import dev.aoi.common.DeadLetters;
import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.EventFormatException;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.persister.write.BatchOutcome;
import dev.aoi.persister.write.Rejection;
import dev.aoi.persister.write.ResultBatchWriter;
import dev.aoi.persister.write.SqlFaults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.listener.BatchAcknowledgingMessageListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.transaction.TransactionException;

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
        // each decoded result is its own object: a rejection names its record by identity
        Map<InspectionResult, ConsumerRecord<byte[], byte[]>> sources = new IdentityHashMap<>(records.size() * 2);
        List<DeadLetter> dead = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                InspectionResult result = codec.decodeResult(record.value());
                results.add(result);
                sources.put(result, record);
            } catch (EventFormatException e) {
                dead.add(new DeadLetter(record, e.deadLetterReason(), e.getMessage() + " (" + where(record) + ")"));
            }
        }
        if (!results.isEmpty()) {
            long start = System.nanoTime();
            BatchOutcome outcome;
            try {
                outcome = writer.write(results);
            } catch (DataAccessException | TransactionException e) {
                throw new DatabaseUnavailableException(records, e);
            }
            metrics.written(outcome, System.nanoTime() - start);
            Instant committed = Instant.now();
            Set<InspectionResult> refused = Collections.newSetFromMap(new IdentityHashMap<>());
            outcome.rejected().forEach(r -> refused.add(r.result()));
            for (InspectionResult result : results) {
                if (!refused.contains(result)) {
                    metrics.stored(result.capturedAt(), committed);
                }
            }
            for (Rejection rejection : outcome.rejected()) {
                ConsumerRecord<byte[], byte[]> source = sources.get(rejection.result());
                dead.add(new DeadLetter(source, DeadLetters.Reason.CONSTRAINT_VIOLATION,
                        "the database refused result " + rejection.result().imgUniqueId() + " (SQLState "
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
        DatabaseUnavailableException(List<ConsumerRecord<byte[], byte[]>> records, RuntimeException cause) {
            super("could not store a batch of " + records.size() + " results from " + where(records.get(0))
                    + " (SQLState " + SqlFaults.sqlState(cause) + ": " + SqlFaults.message(cause)
                    + "); will retry with backoff — check that PostgreSQL is up and migrated", cause);
        }
    }
}
