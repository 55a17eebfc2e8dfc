package dev.aoi.worker.pipeline;

import static dev.aoi.worker.pipeline.LoopParts.P0;
import static dev.aoi.worker.pipeline.LoopParts.P1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** At-least-once: an offset is committed only after the outputs up to it are acknowledged by the broker. */
class AtLeastOncePublisherTest {

    private final LoopParts parts = new LoopParts(false, false, 4, 8);

    AtLeastOncePublisherTest() {
        parts.consumer.assign(List.of(P0, P1));
    }

    /** What the loop does after each poll. */
    private void afterPoll() {
        parts.publisher.handleAcknowledgements();
        parts.publisher.commitProgress();
    }

    @Test
    void offsetsAreCommittedOnlyAfterTheSendsAreAcknowledged() {
        FetchedRecord a = parts.fetchRef(P0, 0);
        FetchedRecord b = parts.fetchRef(P0, 1);
        FetchedRecord c = parts.fetchRef(P1, 0);
        parts.publisher.publish(List.of(parts.resultOf(a), parts.resultOf(b), parts.resultOf(c)));

        afterPoll();
        assertThat(parts.consumer.commits).as("sent, not acknowledged: nothing committed").isEmpty();

        parts.producer().completeNext();
        afterPoll();
        assertThat(parts.consumer.commits).isEqualTo(Map.of(P0, 1L));

        parts.producer().completeNext();
        parts.producer().completeNext();
        afterPoll();
        assertThat(parts.consumer.commits).isEqualTo(Map.of(P0, 2L, P1, 1L));
        assertThat(parts.count("aoi.worker.frames.out")).isEqualTo(3);
    }

    @Test
    void aFailedSendCommitsWhatWasAcknowledgedBeforeItAndRewindsItsPartitionToIt() {
        FetchedRecord a = parts.fetchRef(P0, 0);
        FetchedRecord b = parts.fetchRef(P0, 1);
        FetchedRecord c = parts.fetchRef(P0, 2);
        parts.publisher.publish(List.of(parts.resultOf(a), parts.resultOf(b), parts.resultOf(c)));

        parts.producer().completeNext();
        parts.producer().errorNext(new TimeoutException("no answer from the broker (test)"));
        parts.producer().completeNext();
        afterPoll();

        assertThat(parts.committed(P0)).as("offset 0 is done; offset 2 must not pass offset 1").isEqualTo(1);
        assertThat(parts.rewinds).containsExactly(Map.entry(List.of(P0), Duration.ofMillis(1)));
        assertThat(parts.consumer.position(P0)).isEqualTo(1);
        assertThat(parts.count("aoi.worker.publish.failures")).isEqualTo(1);
    }

    @Test
    void aResultRefusedAsTooLargeBecomesADeadLetterNotARewind() {
        FetchedRecord a = parts.fetchRef(P0, 0);
        parts.publisher.publish(List.of(parts.resultOf(a)));

        parts.producer().errorNext(new RecordTooLargeException("too large (test)"));
        afterPoll();

        assertThat(parts.rewinds).isEmpty();
        var letter = parts.producer().history().get(1);
        assertThat(letter.topic()).isEqualTo(LoopParts.DLT);
        assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo(DeadLetters.Reason.RESULT_TOO_LARGE.name());
        assertThat(parts.consumer.commits).isEmpty();

        parts.producer().completeNext();
        afterPoll();
        assertThat(parts.committed(P0)).isEqualTo(1);
        assertThat(parts.registry.get("aoi.worker.dead.letters").tag("reason", "RESULT_TOO_LARGE").counter().count())
                .isEqualTo(1);
    }

    @Test
    void closeCommitsWhatWasAcknowledgedButNotYetApplied() {
        FetchedRecord a = parts.fetchRef(P0, 0);
        FetchedRecord b = parts.fetchRef(P0, 1);
        parts.publisher.publish(List.of(parts.resultOf(a), parts.resultOf(b)));
        parts.producer().completeNext();

        parts.publisher.close();

        assertThat(parts.producer().closed()).isTrue();
        assertThat(parts.consumer.commits).as("offset 1 was never acknowledged").isEqualTo(Map.of(P0, 1L));
    }
}
