package dev.aoi.worker.pipeline;

import static dev.aoi.worker.pipeline.LoopParts.P0;
import static dev.aoi.worker.pipeline.LoopParts.P1;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.Test;

/** Exactly-once: a batch's outputs and its input offsets commit together or not at all. */
class TransactionalPublisherTest {

    private final LoopParts parts = new LoopParts(true, true, 4, 8);

    @Test
    void aBatchCommitsItsResultsAndItsOffsetsInOneTransaction() {
        FetchedRecord a = parts.fetchRef(P0, 5);
        FetchedRecord b = parts.fetchRef(P0, 6);
        FetchedRecord c = parts.fetchRef(P1, 3);

        parts.publisher.publish(List.of(parts.resultOf(a), parts.resultOf(b), parts.resultOf(c)));

        var producer = parts.producer();
        assertThat(producer.transactionInitialized()).isTrue();
        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(producer.commitCount()).isEqualTo(1);
        assertThat(producer.history()).hasSize(3).allMatch(r -> r.topic().equals(LoopParts.RESULTS));
        assertThat(producer.consumerGroupOffsetsHistory()).hasSize(1);
        Map<TopicPartition, OffsetAndMetadata> offsets =
                producer.consumerGroupOffsetsHistory().get(0).values().iterator().next();
        assertThat(offsets).isEqualTo(Map.of(P0, new OffsetAndMetadata(7), P1, new OffsetAndMetadata(4)));
        assertThat(parts.ledger.pendingCount()).isZero();
        assertThat(parts.consumer.commits).as("the consumer never commits by itself under transactions").isEmpty();
        assertThat(parts.count("aoi.worker.frames.out")).isEqualTo(3);
    }

    @Test
    void aFailedTransactionIsAbortedAndItsPartitionsAreReadAgainFromTheLastCommit() {
        parts.consumer.assign(List.of(P0));
        FetchedRecord a = parts.fetchRef(P0, 5);
        FetchedRecord b = parts.fetchRef(P0, 6);
        parts.slot.get(); // the producer exists before the transaction, so its fault can be set
        parts.producer().commitTransactionException = new KafkaException("broker went away (test)");

        parts.publisher.publish(List.of(parts.resultOf(a), parts.resultOf(b)));

        var producer = parts.producer();
        assertThat(producer.transactionAborted()).isTrue();
        assertThat(producer.transactionCommitted()).isFalse();
        assertThat(producer.history()).as("nothing of an aborted transaction is visible").isEmpty();
        assertThat(parts.rewinds).containsExactly(Map.entry(List.of(P0), Duration.ofMillis(1)));
        assertThat(parts.consumer.position(P0)).as("read again from the first record of the batch").isEqualTo(5);
        assertThat(parts.ledger.partitions()).as("what was fetched of the partition is forgotten").isEmpty();
        assertThat(parts.count("aoi.worker.publish.failures")).isEqualTo(1);
        assertThat(parts.count("aoi.worker.frames.out")).isZero();
    }

    @Test
    void aProducerThatCannotAbortIsReplacedAndTheNextBatchGoesThrough() {
        parts.slot.get();
        parts.producer().commitTransactionException = new ProducerFencedException("fenced (test)");
        parts.producer().abortTransactionException = new ProducerFencedException("fenced (test)");

        parts.publisher.publish(List.of(parts.resultOf(parts.fetchRef(P0, 0))));
        assertThat(parts.producers.get(0).closed()).isTrue();

        parts.publisher.publish(List.of(parts.resultOf(parts.fetchRef(P0, 0))));
        assertThat(parts.producers).hasSize(2);
        assertThat(parts.producer().transactionCommitted()).isTrue();
        assertThat(parts.producer().history()).hasSize(1);
    }
}
