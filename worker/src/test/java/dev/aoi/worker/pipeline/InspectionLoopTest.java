package dev.aoi.worker.pipeline;

import static dev.aoi.worker.pipeline.LoopParts.P0;
import static dev.aoi.worker.pipeline.LoopParts.P1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.kafka.DeadLetterRecords;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parts together, as the service runs them, on MockConsumer and MockProducer: every input record of two
 * partitions ends as one result or one dead letter, through a transient batch fault and an unavailable frame, and
 * the committed offsets cover every record, in both delivery modes.
 */
class InspectionLoopTest {

    @ParameterizedTest(name = "transactions={0}")
    @ValueSource(booleans = {false, true})
    void everyRecordEndsAsOneOutputAndIsCommitted(boolean transactions) throws InterruptedException {
        LoopParts parts = new LoopParts(transactions, true, 2, 4);
        FakeFrameInspector inspector = new FakeFrameInspector("test-worker", 0, ConcurrentHashMap.newKeySet(),
                ConcurrentHashMap.newKeySet());
        InspectionLoop loop = new InspectionLoop(parts.consumer, parts.producerFactory(), inspector, parts.reader,
                parts.codec, new DeadLetterRecords(LoopParts.DLT, "test-worker", Clock.systemUTC()), parts.metrics,
                parts.settings);
        parts.consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        parts.consumer.schedulePollTask(() -> {
            parts.consumer.rebalance(List.of(P0, P1));
            parts.consumer.addRecord(parts.refRecord(P0, 0, "ok-1"));
            parts.consumer.addRecord(parts.refRecord(P0, 1, "flaky-2"));
            parts.consumer.addRecord(parts.refRecord(P0, 2, "bad-3"));
            parts.consumer.addRecord(LoopParts.poisonRecord(P0, 3));
            parts.consumer.addRecord(parts.refRecord(P1, 0, "gone-4"));
            parts.consumer.addRecord(parts.refRecord(P1, 1, "ok-5"));
        });
        Thread thread = new Thread(loop, "test-poll");
        thread.start();

        BooleanSupplier committed = transactions
                ? () -> lastTransactionOffsets(parts).equals(Map.of(P0, 4L, P1, 2L))
                : () -> parts.consumer.commits.equals(Map.of(P0, 4L, P1, 2L));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!committed.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        loop.stop();
        thread.join(5_000);

        assertThat(committed.getAsBoolean()).as("every offset committed").isTrue();
        assertThat(loop.state()).isEqualTo(InspectionLoop.State.STOPPED);
        assertThat(parts.consumer.closed()).isTrue();
        assertThat(keys(parts, LoopParts.RESULTS)).containsExactlyInAnyOrder("ok-1", "flaky-2", "gone-4", "ok-5");
        assertThat(keys(parts, LoopParts.DLT)).containsExactlyInAnyOrder("bad-3", "");
        assertThat(inspector.transientFaults.get()).isEqualTo(1);
        if (transactions) {
            assertThat(parts.consumer.commits).isEmpty();
        }
    }

    private static Map<TopicPartition, Long> lastTransactionOffsets(LoopParts parts) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (MockProducer<byte[], byte[]> producer : parts.producers) {
            for (Map<String, Map<TopicPartition, OffsetAndMetadata>> byGroup
                    : producer.consumerGroupOffsetsHistory()) {
                byGroup.values().forEach(m -> m.forEach((tp, o) -> offsets.merge(tp, o.offset(), Math::max)));
            }
        }
        return offsets;
    }

    /** Keys of what reached a topic, over every producer the loop made ("" for a record without a key). */
    private static List<String> keys(LoopParts parts, String topic) {
        return parts.producers.stream().flatMap(p -> p.history().stream())
                .filter(r -> r.topic().equals(topic))
                .map(ProducerRecord::key)
                .map(k -> k == null ? "" : new String(k, StandardCharsets.UTF_8))
                .toList();
    }
}
