package dev.aoi.worker.pipeline;

import static dev.aoi.worker.pipeline.LoopParts.P0;
import static dev.aoi.worker.pipeline.LoopParts.P1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A revoked partition's finished work is committed before it goes; its unfinished work is dropped. */
class PartitionRebalanceTest {

    /** Subscribes with the loop's listener, gets P0 and P1, and fetches P0@0..2 and P1@0. */
    private static PartitionRebalance subscribeAndFetch(LoopParts parts) {
        PartitionRebalance listener = new PartitionRebalance(parts.publisher, parts.fetched);
        parts.consumer.subscribe(List.of(LoopParts.IMAGES), listener);
        parts.consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        parts.consumer.rebalance(List.of(P0, P1));
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records = new LinkedHashMap<>();
        records.put(P0, new ArrayList<>(List.of(parts.refRecord(P0, 0, "a"), parts.refRecord(P0, 1, "b"),
                parts.refRecord(P0, 2, "c"))));
        records.put(P1, new ArrayList<>(List.of(parts.refRecord(P1, 0, "d"))));
        parts.fetched.take(new ConsumerRecords<>(records, Map.of()));
        return listener;
    }

    /** Publishes the next batch (P0@0 and P0@1 with a batch size of 2) as if the model had inspected it. */
    private static void publishNextBatch(LoopParts parts) {
        InspectionBatch batch = parts.fetched.nextBatch();
        assertThat(batch.items).extracting(FetchedRecord::offset).containsExactly(0L, 1L);
        parts.publisher.publish(batch.items.stream().map(parts::resultOf).toList());
    }

    @Test
    void atLeastOnceRevokeWaitsForWhatIsOnItsWayCommitsItAndDropsTheRest() {
        LoopParts parts = new LoopParts(false, false, 2, 8);
        subscribeAndFetch(parts);
        publishNextBatch(parts);
        parts.producer().completeNext(); // P0@0 acknowledged; P0@1 still on its way; P0@2 never published

        parts.consumer.rebalance(List.of(P1)); // P0 goes to another worker

        assertThat(parts.producer().flushed()).as("the flush gets P0@1 acknowledged before P0 goes").isTrue();
        assertThat(parts.committed(P0)).as("finished work committed, unfinished P0@2 not").isEqualTo(2);
        assertThat(parts.ledger.partitions()).containsExactly(P1);
        assertThat(parts.fetched.nextBatch().items).extracting(FetchedRecord::tp).containsOnly(P1);
    }

    @Test
    void underTransactionsRevokeCommitsNothingOutsideATransactionAndDropsTheUnpublished() {
        LoopParts parts = new LoopParts(true, true, 2, 8);
        subscribeAndFetch(parts);
        publishNextBatch(parts); // P0@0 and P0@1 committed with their transaction

        parts.consumer.rebalance(List.of(P1));

        assertThat(parts.producer().consumerGroupOffsetsHistory().get(0).values().iterator().next())
                .containsEntry(P0, new OffsetAndMetadata(2));
        assertThat(parts.consumer.commits).isEmpty();
        assertThat(parts.ledger.partitions()).containsExactly(P1);
        assertThat(parts.fetched.nextBatch().items).extracting(FetchedRecord::tp).containsOnly(P1);
    }

    @Test
    void aLostPartitionIsDroppedWithoutACommit() {
        LoopParts parts = new LoopParts(false, true, 2, 8);
        PartitionRebalance listener = subscribeAndFetch(parts);
        publishNextBatch(parts); // acknowledged at once, but not yet applied by the poll thread

        listener.onPartitionsLost(List.of(P0));

        assertThat(parts.consumer.commits).as("another worker owns P0 already").isEmpty();
        assertThat(parts.ledger.partitions()).containsExactly(P1);
        parts.publisher.handleAcknowledgements();
        parts.publisher.commitProgress();
        assertThat(parts.consumer.commits).as("late acknowledgements of a lost partition are ignored").isEmpty();
    }
}
