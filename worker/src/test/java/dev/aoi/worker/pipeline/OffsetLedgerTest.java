package dev.aoi.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetLedgerTest {

    private static final TopicPartition P0 = new TopicPartition("aoi.images", 0);
    private static final TopicPartition P1 = new TopicPartition("aoi.images", 1);

    private final OffsetLedger ledger = new OffsetLedger();

    @Test
    void nothingIsCommittableBeforeAnOutputIsAcknowledged() {
        ledger.track(P0, 10);
        ledger.track(P0, 11);
        assertThat(ledger.takeCommittable()).isEmpty();
        assertThat(ledger.firstPending(P0)).hasValue(10);
        assertThat(ledger.pendingCount()).isEqualTo(2);
    }

    @Test
    void theCommitPositionIsTheOffsetAfterTheLastContiguousDoneRecord() {
        int epoch = ledger.track(P0, 10);
        ledger.track(P0, 11);
        ledger.track(P0, 12);
        ledger.complete(P0, 10, epoch);
        assertThat(ledger.takeCommittable()).isEqualTo(Map.of(P0, 11L));
    }

    @Test
    void anAcknowledgementOutOfOrderDoesNotMoveThePositionOverAnUnacknowledgedRecord() {
        int epoch = ledger.track(P0, 10);
        ledger.track(P0, 11);
        ledger.track(P0, 12);
        ledger.complete(P0, 12, epoch);
        ledger.complete(P0, 11, epoch);
        assertThat(ledger.takeCommittable()).as("10 still waits for its broker ack").isEmpty();
        assertThat(ledger.firstPending(P0)).hasValue(10);

        ledger.complete(P0, 10, epoch);
        assertThat(ledger.takeCommittable()).isEqualTo(Map.of(P0, 13L));
        assertThat(ledger.firstPending(P0)).isEmpty();
        assertThat(ledger.pendingCount()).isZero();
    }

    @Test
    void gapsInOffsetsAreAllowed() {
        // compacted topics and transaction markers leave holes in the offsets
        int epoch = ledger.track(P0, 3);
        ledger.track(P0, 7);
        ledger.complete(P0, 7, epoch);
        ledger.complete(P0, 3, epoch);
        assertThat(ledger.takeCommittable()).isEqualTo(Map.of(P0, 8L));
    }

    @Test
    void partitionsAreIndependent() {
        int e0 = ledger.track(P0, 0);
        int e1 = ledger.track(P1, 0);
        ledger.track(P1, 1);
        ledger.complete(P1, 0, e1);
        assertThat(ledger.takeCommittable()).isEqualTo(Map.of(P1, 1L));
        ledger.complete(P0, 0, e0);
        assertThat(ledger.takeCommittable()).isEqualTo(Map.of(P0, 1L));
    }

    @Test
    void aPositionIsHandedOutOnceUntilItMovesOrItsCommitFails() {
        int epoch = ledger.track(P0, 0);
        ledger.track(P0, 1);
        ledger.complete(P0, 0, epoch);
        Map<TopicPartition, Long> first = ledger.takeCommittable();
        assertThat(first).isEqualTo(Map.of(P0, 1L));
        assertThat(ledger.takeCommittable()).isEmpty();

        ledger.commitFailed(first);
        assertThat(ledger.takeCommittable()).isEqualTo(Map.of(P0, 1L));

        ledger.complete(P0, 1, epoch);
        assertThat(ledger.takeCommittable()).isEqualTo(Map.of(P0, 2L));
    }

    @Test
    void aFailedOlderCommitDoesNotUndoANewerOne() {
        int epoch = ledger.track(P0, 0);
        ledger.track(P0, 1);
        ledger.complete(P0, 0, epoch);
        Map<TopicPartition, Long> older = ledger.takeCommittable();
        ledger.complete(P0, 1, epoch);
        assertThat(ledger.takeCommittable()).isEqualTo(Map.of(P0, 2L));
        ledger.commitFailed(older);
        assertThat(ledger.takeCommittable()).isEmpty();
    }

    @Test
    void committablePositionsGivesTheCurrentPositionForAFinalSyncCommit() {
        int epoch = ledger.track(P0, 5);
        ledger.track(P0, 6);
        ledger.track(P1, 0);
        ledger.complete(P0, 5, epoch);
        ledger.takeCommittable();
        assertThat(ledger.committablePositions(List.of(P0, P1))).isEqualTo(Map.of(P0, 6L));
    }

    @Test
    void forgettingAPartitionMakesItsLateAcknowledgementsStale() {
        int old = ledger.track(P0, 0);
        ledger.track(P0, 1);
        ledger.forget(List.of(P0));
        assertThat(ledger.isCurrent(P0, old)).isFalse();
        assertThat(ledger.complete(P0, 0, old)).isFalse();
        assertThat(ledger.takeCommittable()).isEmpty();

        // read again from the committed offset after a rewind or re-assignment
        int now = ledger.track(P0, 0);
        assertThat(now).isNotEqualTo(old);
        assertThat(ledger.complete(P0, 0, old)).as("a late ack of the old copy").isFalse();
        assertThat(ledger.firstPending(P0)).hasValue(0);
        assertThat(ledger.complete(P0, 0, now)).isTrue();
        assertThat(ledger.takeCommittable()).isEqualTo(Map.of(P0, 1L));
    }

    @Test
    void readingAnOffsetAgainWithoutForgettingIsABug() {
        ledger.track(P0, 4);
        assertThatThrownBy(() -> ledger.track(P0, 4)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("forgotten");
    }

    @Test
    void completingAnUntrackedOffsetIsABug() {
        int epoch = ledger.track(P0, 4);
        assertThatThrownBy(() -> ledger.complete(P0, 5, epoch)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUnknownPartitionHasNoPending() {
        assertThat(ledger.firstPending(P1)).isEqualTo(OptionalLong.empty());
        assertThat(ledger.isCurrent(P1, 0)).isFalse();
    }
}
