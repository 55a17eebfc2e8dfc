package dev.aoi.worker.pipeline;

import static dev.aoi.worker.pipeline.LoopParts.P0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.DeadLetters;
import dev.aoi.common.event.ImageRef;
import dev.aoi.worker.inspect.FrameOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Batches to the model on its own thread; retries of the whole batch or of unavailable frames, per mode. */
class BatchSchedulerTest {

    /** Answers each call with the next script step and remembers which ids it was asked about. */
    private static final class ScriptedInspector implements BatchInspector {
        final List<Function<List<ImageRef>, List<FrameOutcome>>> steps = new CopyOnWriteArrayList<>();
        final List<List<String>> calls = new CopyOnWriteArrayList<>();

        @Override
        public List<FrameOutcome> inspect(List<ImageRef> refs) {
            calls.add(refs.stream().map(ImageRef::imgUniqueId).toList());
            return steps.get(calls.size() - 1).apply(refs);
        }

        @Override
        public void close() {
        }
    }

    private static final Function<List<ImageRef>, List<FrameOutcome>> ALL_INSPECTED =
            refs -> refs.stream().map(LoopParts::inspected).toList();

    /** Inspects every ref except {@code id}, which is unavailable for now. */
    private static Function<List<ImageRef>, List<FrameOutcome>> unavailable(String id) {
        return refs -> refs.stream().map(r -> r.imgUniqueId().equals(id)
                ? new FrameOutcome.Unavailable(r, "mount gone (test)", null) : LoopParts.inspected(r)).toList();
    }

    private final ScriptedInspector inspector = new ScriptedInspector();

    private BatchScheduler scheduler(LoopParts parts) {
        return new BatchScheduler(inspector, parts.fetched, parts.ledger, parts.outputs, parts.publisher,
                parts.metrics, parts.settings, () -> true);
    }

    private static void take(LoopParts parts, List<ConsumerRecord<byte[], byte[]>> records) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new LinkedHashMap<>();
        records.forEach(r -> byPartition.computeIfAbsent(new TopicPartition(r.topic(), r.partition()),
                k -> new ArrayList<>()).add(r));
        parts.fetched.take(new ConsumerRecords<>(byPartition, Map.of()));
    }

    /** Runs the scheduler's part of poll steps until the model was called {@code calls} times and is idle again. */
    private void runUntil(BatchScheduler scheduler, int calls) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (inspector.calls.size() < calls || scheduler.busy()) {
            assertThat(System.nanoTime()).as("the scheduler got stuck").isLessThan(deadline);
            scheduler.finishBatchIfDone();
            scheduler.startBatches();
            Thread.sleep(1);
        }
    }

    private List<String> keysOn(LoopParts parts, String topic) {
        return parts.producer().history().stream().filter(r -> r.topic().equals(topic))
                .map(r -> r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void atLeastOnceParksAnUnavailableFrameWhileTheRestOfItsBatchIsPublished() throws InterruptedException {
        LoopParts parts = new LoopParts(false, true, 4, 8);
        parts.consumer.assign(List.of(P0));
        BatchScheduler scheduler = scheduler(parts);
        take(parts, List.of(parts.refRecord(P0, 0, "a"), parts.refRecord(P0, 1, "b"), parts.refRecord(P0, 2, "c")));
        inspector.steps.add(unavailable("b"));
        inspector.steps.add(ALL_INSPECTED);

        runUntil(scheduler, 1);
        assertThat(keysOn(parts, LoopParts.RESULTS)).containsExactly("a", "c");
        assertThat(parts.fetched.hasParked()).isTrue();
        parts.publisher.handleAcknowledgements();
        parts.publisher.commitProgress();
        assertThat(parts.committed(P0)).as("c is out, but b is not: the commit stops before b").isEqualTo(1);

        runUntil(scheduler, 2);
        assertThat(inspector.calls).containsExactly(List.of("a", "b", "c"), List.of("b"));
        assertThat(keysOn(parts, LoopParts.RESULTS)).containsExactly("a", "c", "b");
        parts.publisher.handleAcknowledgements();
        parts.publisher.commitProgress();
        assertThat(parts.committed(P0)).isEqualTo(3);
        assertThat(parts.count("aoi.worker.inspect.retries")).isEqualTo(1);
    }

    @Test
    void underTransactionsTheWholeBatchWaitsForItsUnavailableFrameAndGoesOutInOneTransaction()
            throws InterruptedException {
        LoopParts parts = new LoopParts(true, true, 4, 8);
        BatchScheduler scheduler = scheduler(parts);
        take(parts, List.of(parts.refRecord(P0, 0, "a"), parts.refRecord(P0, 1, "b"), parts.refRecord(P0, 2, "c")));
        inspector.steps.add(unavailable("b"));
        inspector.steps.add(ALL_INSPECTED);

        runUntil(scheduler, 1);
        assertThat(parts.producers).as("nothing published while b has no output").isEmpty();
        assertThat(parts.fetched.hasParked()).isFalse();

        runUntil(scheduler, 2);
        assertThat(inspector.calls).as("the outcomes of a and c are kept").containsExactly(List.of("a", "b", "c"),
                List.of("b"));
        assertThat(parts.producer().commitCount()).isEqualTo(1);
        assertThat(keysOn(parts, LoopParts.RESULTS)).containsExactly("a", "b", "c");
        assertThat(parts.producer().consumerGroupOffsetsHistory().get(0).values().iterator().next())
                .isEqualTo(Map.of(P0, new OffsetAndMetadata(3)));
    }

    @Test
    void anInspectorExceptionRetriesTheWholeBatchAndDeadLettersNothing() throws InterruptedException {
        LoopParts parts = new LoopParts(false, true, 4, 8);
        BatchScheduler scheduler = scheduler(parts);
        take(parts, List.of(parts.refRecord(P0, 0, "a"), parts.refRecord(P0, 1, "b")));
        inspector.steps.add(refs -> {
            throw new IllegalStateException("GPU out of memory (test)");
        });
        inspector.steps.add(ALL_INSPECTED);

        runUntil(scheduler, 2);

        assertThat(inspector.calls).containsExactly(List.of("a", "b"), List.of("a", "b"));
        assertThat(keysOn(parts, LoopParts.RESULTS)).containsExactly("a", "b");
        assertThat(keysOn(parts, LoopParts.DLT)).isEmpty();
        assertThat(parts.count("aoi.worker.inspect.retries")).isEqualTo(1);
    }

    @Test
    void poisonIsDeadLetteredWithoutCallingTheModel() throws InterruptedException {
        LoopParts parts = new LoopParts(false, true, 4, 8);
        BatchScheduler scheduler = scheduler(parts);
        take(parts, List.of(LoopParts.poisonRecord(P0, 0)));

        scheduler.startBatches();
        scheduler.close();

        assertThat(inspector.calls).isEmpty();
        var letter = parts.producer().history().get(0);
        assertThat(letter.topic()).isEqualTo(LoopParts.DLT);
        assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo(DeadLetters.Reason.MALFORMED_RECORD.name());
    }
}
