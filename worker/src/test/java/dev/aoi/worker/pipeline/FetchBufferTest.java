package dev.aoi.worker.pipeline;

import static dev.aoi.worker.pipeline.LoopParts.P0;
import static dev.aoi.worker.pipeline.LoopParts.P1;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The reading side: batches in fetch order, parking, backpressure, rewinding. */
class FetchBufferTest {

    private final LoopParts parts = new LoopParts(false, true, 2, 4);

    FetchBufferTest() {
        parts.consumer.assign(List.of(P0, P1));
    }

    @SafeVarargs
    private void take(ConsumerRecord<byte[], byte[]>... records) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            byPartition.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), k -> new ArrayList<>())
                    .add(r);
        }
        parts.fetched.take(new ConsumerRecords<>(byPartition, Map.of()));
    }

    private static List<Long> offsets(InspectionBatch batch) {
        return batch.items.stream().map(FetchedRecord::offset).toList();
    }

    @Test
    void backpressurePausesEveryPartitionWhileEnoughRecordsWaitAndResumesWhenTheyDrained() {
        take(parts.refRecord(P0, 0, "a"), parts.refRecord(P0, 1, "b"), parts.refRecord(P1, 0, "c"));
        parts.fetched.applyBackpressure();
        assertThat(parts.consumer.paused()).as("3 waiting, limit 4").isEmpty();

        take(parts.refRecord(P1, 1, "d"));
        parts.fetched.applyBackpressure();
        assertThat(parts.consumer.paused()).containsExactlyInAnyOrder(P0, P1);

        assertThat(parts.fetched.nextBatch().items).hasSize(2);
        parts.fetched.applyBackpressure();
        assertThat(parts.consumer.paused()).isEmpty();
    }

    @Test
    void aBatchHoldsBatchSizeValidRefsInFetchOrderAndPoisonRidesAlong() {
        take(parts.refRecord(P0, 0, "a"), LoopParts.poisonRecord(P0, 1), parts.refRecord(P0, 2, "b"),
                parts.refRecord(P0, 3, "c"));

        InspectionBatch first = parts.fetched.nextBatch();
        assertThat(offsets(first)).containsExactly(0L, 1L, 2L);
        assertThat(first.unsettled()).extracting(FetchedRecord::offset).containsExactly(0L, 2L);
        assertThat(offsets(parts.fetched.nextBatch())).containsExactly(3L);
        assertThat(parts.fetched.nextBatch()).isNull();
        assertThat(parts.count("aoi.worker.frames.in")).isEqualTo(4);
    }

    @Test
    void parkedFramesWaitForTheirBackoffCountAgainstTheLimitAndThenRideFirst() {
        take(parts.refRecord(P0, 0, "a"), parts.refRecord(P0, 1, "b"));
        InspectionBatch batch = parts.fetched.nextBatch();
        parts.fetched.park(batch.items, Duration.ofHours(1));
        take(parts.refRecord(P0, 2, "c"), parts.refRecord(P0, 3, "d"));

        parts.fetched.applyBackpressure();
        assertThat(parts.consumer.paused()).as("2 parked + 2 fetched reach the limit of 4").isNotEmpty();
        assertThat(offsets(parts.fetched.nextBatch())).as("parked frames wait out their backoff")
                .containsExactly(2L, 3L);

        parts.fetched.park(List.of(), Duration.ZERO); // the backoff has passed
        assertThat(offsets(parts.fetched.nextBatch())).containsExactly(0L, 1L);
        assertThat(parts.fetched.hasParked()).isFalse();
    }

    @Test
    void rewindSeeksToTheFirstUnfinishedRecordAndDropsWhatWasFetchedOfThePartition() {
        take(parts.refRecord(P0, 0, "a"), parts.refRecord(P0, 1, "b"), parts.refRecord(P0, 2, "c"),
                parts.refRecord(P1, 0, "d"));
        parts.ledger.complete(P0, 0, parts.ledger.epoch(P0));

        parts.fetched.rewind(Set.of(P0));

        assertThat(parts.consumer.position(P0)).isEqualTo(1);
        assertThat(parts.ledger.partitions()).containsExactly(P1);
        InspectionBatch batch = parts.fetched.nextBatch();
        assertThat(batch.items).extracting(FetchedRecord::tp).containsOnly(P1);
    }
}
