package dev.aoi.worker.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At-least-once (the default): each output is sent asynchronously; the producer's callback queues the broker's
 * answer, and the poll thread applies it. A record counts as done only when its output is acknowledged, and the
 * {@link OffsetLedger} moves a partition's commit position only over a contiguous run of done records, so records
 * of several partitions may finish in any order and a commit never passes one whose output could still be lost.
 * A send the broker does not acknowledge rewinds its partition to the first unacknowledged record.
 */
final class AtLeastOncePublisher extends OutputPublisher {

    private static final Logger log = LoggerFactory.getLogger(AtLeastOncePublisher.class);

    private final Duration pollTimeout;
    /** Filled by the producer's I/O thread, drained by the poll thread. */
    private final Queue<Ack> acks = new ConcurrentLinkedQueue<>();
    private int commitFailures;

    AtLeastOncePublisher(Consumer<byte[], byte[]> consumer, OffsetLedger ledger, ProducerSlot producer,
            OutputAssembler outputs, WorkerMetrics metrics, Rewind rewind, LoopSettings settings) {
        super(consumer, ledger, producer, outputs, metrics, rewind, settings);
        this.pollTimeout = settings.pollTimeout();
    }

    @Override
    public boolean publishesPartialBatches() {
        return true;
    }

    @Override
    public void publish(List<Output> batch) {
        try {
            producer.get();
        } catch (RuntimeException e) {
            batch.forEach(out -> acks.add(new Ack(out, e)));
            return;
        }
        for (Output out : batch) {
            try {
                producer.get().send(out.record(), (metadata, error) -> acks.add(new Ack(out, error)));
            } catch (RuntimeException e) {
                acks.add(new Ack(out, e));
            }
        }
    }

    /** Done records move the commit position; a failure rewinds its partition; a too-large result is dead-lettered. */
    @Override
    public void handleAcknowledgements() {
        Set<TopicPartition> failed = new LinkedHashSet<>();
        List<Output> tooLarge = new ArrayList<>();
        Ack ack;
        while ((ack = acks.poll()) != null) {
            FetchedRecord source = ack.output.source();
            if (ack.error == null) {
                ledger.complete(source.tp(), source.offset(), source.epoch());
                ack.output.countAcknowledged(metrics);
                publishBackoff.reset();
            } else if (ack.output.isResult() && ack.error instanceof RecordTooLargeException) {
                tooLarge.add(ack.output); // refused every time: a dead letter, never a rewind and a new inference
            } else if (ledger.isCurrent(source.tp(), source.epoch()) && failed.add(source.tp())) {
                metrics.publishFailure();
                log.warn("Publishing the output of {}-{}@{} failed: {}; reading the partition again from its first"
                        + " unacknowledged record", source.tp().topic(), source.tp().partition(), source.offset(),
                        ack.error.toString());
            }
        }
        if (!failed.isEmpty()) {
            commitFinished(failed);
            rewind.rewind(failed, publishBackoff.next());
        }
        List<Output> letters = tooLarge.stream()
                .filter(o -> ledger.isCurrent(o.source().tp(), o.source().epoch()))
                .map(outputs::refusedAsTooLarge)
                .toList();
        if (!letters.isEmpty()) {
            publish(letters);
        }
    }

    @Override
    public void commitProgress() {
        Map<TopicPartition, Long> positions = ledger.takeCommittable();
        if (positions.isEmpty()) {
            return;
        }
        consumer.commitAsync(toOffsets(positions), (offsets, error) -> {
            if (error == null) {
                if (commitFailures > 0) {
                    log.info("Commits go through again after {} failed attempt(s)", commitFailures);
                }
                commitFailures = 0;
                return;
            }
            ledger.commitFailed(positions);
            commitFailures++;
            if (commitFailures == 1 || commitFailures % 100 == 0) { // one line per streak, not one per poll
                log.warn("Commit of {} failed ({} in a row: {}); retrying with the next poll", positions,
                        commitFailures, error.toString());
            }
        });
    }

    @Override
    public void beforeRevoke(Collection<TopicPartition> revoked) {
        if (producer.isOpen()) {
            try {
                producer.get().flush(); // acknowledge what is on its way, so that its offsets can be committed
            } catch (RuntimeException e) {
                log.warn("Flush before giving up {} failed: {}", revoked, e.toString());
            }
            handleAcknowledgements();
        }
        commitFinished(revoked);
    }

    /** Commits, synchronously, what is finished of these partitions; a failure only means reading it again. */
    private void commitFinished(Collection<TopicPartition> tps) {
        Map<TopicPartition, Long> positions = ledger.committablePositions(tps);
        if (positions.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(toOffsets(positions));
        } catch (RuntimeException e) {
            log.warn("Commit of {} failed ({}); those records will be read again", positions, e.toString());
        }
    }

    @Override
    public void close() {
        try {
            producer.close(closeTimeout); // waits for outstanding acknowledgements
            handleAcknowledgementsOnClose();
            commitOnClose();
        } catch (RuntimeException e) {
            log.warn("Closing the producer failed: {}", e.toString());
        }
    }

    /** Like {@link #handleAcknowledgements} but without rewinding: nothing will be read again by this consumer. */
    private void handleAcknowledgementsOnClose() {
        Ack ack;
        while ((ack = acks.poll()) != null) {
            if (ack.error == null) {
                FetchedRecord source = ack.output.source();
                ledger.complete(source.tp(), source.offset(), source.epoch());
                ack.output.countAcknowledged(metrics);
            }
        }
    }

    /**
     * Commits what was acknowledged before the consumer leaves. A rebalance in progress (a member joined, or the
     * coordinator moved, e.g. after a broker restart) refuses commits until this member has rejoined, so poll,
     * with every partition paused, until it has or the close timeout is spent.
     */
    private void commitOnClose() {
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        while (true) {
            Map<TopicPartition, Long> positions = ledger.committablePositions(new ArrayList<>(ledger.partitions()));
            if (positions.isEmpty()) {
                return;
            }
            try {
                consumer.commitSync(toOffsets(positions));
                return;
            } catch (RebalanceInProgressException e) {
                if (System.nanoTime() - deadline > 0) {
                    log.warn("Commit of {} on close still refused by a rebalance after {}; those records will be"
                            + " read again", positions, closeTimeout);
                    return;
                }
                consumer.pause(consumer.assignment());
                consumer.poll(pollTimeout); // records of partitions assigned meanwhile are not tracked
            } catch (RuntimeException e) {
                log.warn("Commit of {} on close failed ({}); those records will be read again", positions,
                        e.toString());
                return;
            }
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> toOffsets(Map<TopicPartition, Long> positions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        positions.forEach((tp, position) -> offsets.put(tp, new OffsetAndMetadata(position)));
        return offsets;
    }

    /** The broker's answer for one output; {@code error} null when it was acknowledged. */
    private record Ack(Output output, Exception error) {
    }
}
