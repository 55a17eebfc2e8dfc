package dev.aoi.worker.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once ({@code aoi.worker.transactions.enabled}): a batch's results, dead letters and input offsets go into
 * one producer transaction ({@code sendOffsetsToTransaction} with the consumer's group metadata, so a zombie is
 * fenced by the group generation). A failed transaction is aborted and its partitions read again from the last
 * committed offsets. The consumer never commits by itself in this mode: every commit is part of a transaction.
 */
final class TransactionalPublisher extends OutputPublisher {

    private static final Logger log = LoggerFactory.getLogger(TransactionalPublisher.class);

    TransactionalPublisher(Consumer<byte[], byte[]> consumer, OffsetLedger ledger, ProducerSlot producer,
            OutputAssembler outputs, WorkerMetrics metrics, Rewind rewind, LoopSettings settings) {
        super(consumer, ledger, producer, outputs, metrics, rewind, settings);
    }

    @Override
    public boolean publishesPartialBatches() {
        return false;
    }

    @Override
    public void publish(List<Output> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Output out : batch) {
            offsets.merge(out.source().tp(), new OffsetAndMetadata(out.source().offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        try {
            Producer<byte[], byte[]> transaction = producer.get();
            transaction.beginTransaction();
            for (Output out : batch) {
                sends.add(transaction.send(out.record())); // a failed send surfaces in commitTransaction
            }
            transaction.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            transaction.commitTransaction();
        } catch (RuntimeException e) {
            metrics.publishFailure();
            log.warn("Transaction for {} record(s) failed: {}; aborting and reading {} again from the last commit",
                    batch.size(), e.toString(), offsets.keySet());
            producer.abortOrReplace();
            rememberTooLarge(batch, sends);
            rewind.rewind(offsets.keySet(), publishBackoff.next());
            return;
        }
        publishBackoff.reset();
        for (Output out : batch) {
            ledger.complete(out.source().tp(), out.source().offset(), out.source().epoch());
            out.countAcknowledged(metrics);
        }
        ledger.takeCommittable(); // committed with the transaction
    }

    /** Results the broker refused as too large in a failed transaction become dead letters when read again. */
    private void rememberTooLarge(List<Output> batch, List<Future<RecordMetadata>> sends) {
        for (int i = 0; i < sends.size(); i++) {
            Future<RecordMetadata> send = sends.get(i);
            if (batch.get(i).isResult() && send.isDone()) {
                try {
                    send.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RecordTooLargeException) {
                        outputs.rememberRefusedAsTooLarge(batch.get(i).source());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    // cancelled: nothing known about this send
                }
            }
        }
    }

    /** Nothing to do: a transaction's outcome is known when {@link #publish} returns. */
    @Override
    public void handleAcknowledgements() {
    }

    /** Nothing to do: offsets were committed with each transaction. */
    @Override
    public void commitProgress() {
    }

    /** Nothing to do: every finished record was committed with its transaction, and none is open between polls. */
    @Override
    public void beforeRevoke(Collection<TopicPartition> revoked) {
    }

    @Override
    public void close() {
        try {
            producer.close(closeTimeout);
        } catch (RuntimeException e) {
            log.warn("Closing the producer failed: {}", e.toString());
        }
    }
}
