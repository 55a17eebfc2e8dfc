package dev.aoi.worker.pipeline;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * How outputs reach the broker and input offsets get committed; one implementation per delivery guarantee
 * (worker README, "Delivery guarantees"). Called on the poll thread only.
 */
sealed interface OutputPublisher permits AtLeastOncePublisher, TransactionalPublisher {

    /** What a publisher asks of the reading side when outputs did not reach the broker. */
    @FunctionalInterface
    interface Rewind {
        /** Read these partitions again from their first unfinished record, and start no batch before {@code wait}. */
        void rewind(Collection<TopicPartition> partitions, Duration wait);
    }

    /**
     * Whether the settled frames of a batch may be published while its unavailable frames wait for a retry. Under
     * transactions they may not: a transaction's offsets must not pass a frame without an output.
     */
    boolean publishesPartialBatches();

    /** Publishes outputs of settled records, in fetch order per partition. */
    void publish(List<Output> outputs);

    /** Applies the broker's answers that arrived since the last call (done records, failed sends). */
    void handleAcknowledgements();

    /** Commits the positions the acknowledgements moved, without blocking the poll thread. */
    void commitProgress();

    /** Before partitions are taken away: commits what is finished of them (their new owner starts there). */
    void beforeRevoke(Collection<TopicPartition> revoked);

    /** On stop: waits up to the close timeout for outstanding outputs, commits what it can, closes the producer. */
    void close();
}
