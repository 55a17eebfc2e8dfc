package dev.aoi.worker.pipeline;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * The reading side of the loop: records fetched and not yet handed to the model, in fetch order; frames parked after
 * they were unavailable; pausing the consumer while too many wait; rewinding a partition; the lag gauge.
 *
 * <p>Every record is tracked in the {@link OffsetLedger} as it is taken, so nothing is committed past it until its
 * output is acknowledged. Runs on the poll thread only, like the consumer it drives.
 */
final class FetchBuffer {

    private static final long LAG_INTERVAL_NANOS = 1_000_000_000L;

    private final Consumer<byte[], byte[]> consumer;
    private final OffsetLedger ledger;
    private final ImageRefReader reader;
    private final WorkerMetrics metrics;
    private final int batchSize;
    private final int maxBuffered;

    private final Deque<FetchedRecord> fetched = new ArrayDeque<>();
    /** Frames that were unavailable (at-least-once mode): retried with the next batch once their backoff passed. */
    private final Deque<FetchedRecord> parked = new ArrayDeque<>();
    private long parkedUntilNanos = System.nanoTime();
    private long lagRecordedNanos = System.nanoTime();

    FetchBuffer(Consumer<byte[], byte[]> consumer, OffsetLedger ledger, ImageRefReader reader, WorkerMetrics metrics,
            int batchSize, int maxBuffered) {
        this.consumer = consumer;
        this.ledger = ledger;
        this.reader = reader;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.maxBuffered = maxBuffered;
    }

    /** Reads and tracks what a poll returned; never throws for a bad record (it becomes poison). */
    void take(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> r : records) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            int epoch = ledger.track(tp, r.offset());
            fetched.addLast(new FetchedRecord(r, tp, epoch, reader.read(r.value())));
            metrics.frameIn();
        }
    }

    /**
     * Pauses every assigned partition while enough records wait for the model; resumes when they drained. Paused
     * partitions still let the loop poll, so a slow model never makes it miss {@code max.poll.interval.ms}.
     */
    void applyBackpressure() {
        if (fetched.size() + parked.size() >= maxBuffered) {
            consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    /**
     * Parked frames whose backoff has passed, then the next records in fetch order, up to {@code batchSize} valid
     * refs (poison records ride along); null when nothing waits.
     */
    InspectionBatch nextBatch() {
        List<FetchedRecord> items = new ArrayList<>();
        int refs = 0;
        if (System.nanoTime() - parkedUntilNanos >= 0) {
            while (!parked.isEmpty() && refs < batchSize) {
                items.add(parked.removeFirst());
                refs++;
            }
        }
        while (!fetched.isEmpty() && refs < batchSize) {
            FetchedRecord record = fetched.removeFirst();
            items.add(record);
            if (record.isValid()) {
                refs++;
            }
        }
        return items.isEmpty() ? null : new InspectionBatch(items);
    }

    /** Keeps unavailable frames aside until {@code wait} passed; they count against the buffer's limit meanwhile. */
    void park(List<FetchedRecord> frames, Duration wait) {
        parked.addAll(frames);
        parkedUntilNanos = System.nanoTime() + wait.toNanos();
    }

    boolean hasParked() {
        return !parked.isEmpty();
    }

    /**
     * Sends these partitions back to their first record without an acknowledged output and forgets everything
     * fetched after it: it is fetched again and processed again. The caller commits what was finished first.
     */
    void rewind(Collection<TopicPartition> tps) {
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition tp : tps) {
            OptionalLong first = ledger.firstPending(tp);
            if (first.isPresent() && assigned.contains(tp)) {
                consumer.seek(tp, first.getAsLong());
            }
        }
        forget(tps);
    }

    /** Throws away what is known of these partitions (revoked, lost or rewound): their records are read again. */
    void forget(Collection<TopicPartition> tps) {
        Set<TopicPartition> gone = new HashSet<>(tps);
        ledger.forget(gone);
        fetched.removeIf(r -> gone.contains(r.tp()));
        parked.removeIf(r -> gone.contains(r.tp()));
    }

    /**
     * Records how many input records wait behind this worker's position, about once a second, on the poll thread
     * (the consumer is not thread-safe); the client's cached end offsets make it a local computation.
     */
    void recordLag() {
        if (System.nanoTime() - lagRecordedNanos < LAG_INTERVAL_NANOS) {
            return;
        }
        lagRecordedNanos = System.nanoTime();
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            lag += consumer.currentLag(partition).orElse(0);
        }
        metrics.lag(lag);
    }
}
