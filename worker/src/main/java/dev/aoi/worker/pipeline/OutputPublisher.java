package dev.aoi.worker.pipeline;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * How outputs reach the broker and input offsets get committed; one implementation per delivery guarantee
 * (worker README, "Delivery guarantees"). Called on the poll thread only.
 */
abstract sealed class OutputPublisher permits AtLeastOncePublisher, TransactionalPublisher {

    /** What a publisher asks of the reading side when outputs did not reach the broker. */
    @FunctionalInterface
    interface Rewind {
        /** Read these partitions again from their first unfinished record, and start no batch before {@code wait}. */
        void rewind(Collection<TopicPartition> partitions, Duration wait);
    }

    // what both guarantees work with
    final Consumer<byte[], byte[]> consumer;
    final OffsetLedger ledger;
    final ProducerSlot producer;
    final OutputAssembler outputs;
    final WorkerMetrics metrics;
    final Rewind rewind;
    final Backoff publishBackoff;
    final Duration closeTimeout;

    OutputPublisher(Consumer<byte[], byte[]> consumer, OffsetLedger ledger, ProducerSlot producer,
            OutputAssembler outputs, WorkerMetrics metrics, Rewind rewind, LoopSettings settings) {
        this.consumer = consumer;
        this.ledger = ledger;
        this.producer = producer;
        this.outputs = outputs;
        this.metrics = metrics;
        this.rewind = rewind;
        this.publishBackoff = new Backoff(settings.backoffInitial(), settings.backoffMax());
        this.closeTimeout = settings.closeTimeout();
    }

    /**
     * Whether the settled frames of a batch may be published while its unavailable frames wait for a retry. Under
     * transactions they may not: a transaction's offsets must not pass a frame without an output.
     */
    abstract boolean publishesPartialBatches();

    /** Publishes outputs of settled records, in fetch order per partition. */
    abstract void publish(List<Output> outputs);

    /** Applies the broker's answers that arrived since the last call (done records, failed sends). */
    abstract void handleAcknowledgements();

    /** Commits the positions the acknowledgements moved, without blocking the poll thread. */
    abstract void commitProgress();

    /** Before partitions are taken away: commits what is finished of them (their new owner starts there). */
    abstract void beforeRevoke(Collection<TopicPartition> revoked);

    /** On stop: waits up to the close timeout for outstanding outputs, commits what it can, closes the producer. */
    abstract void close();
}
