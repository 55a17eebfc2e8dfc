package dev.aoi.persister.replay;

import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.EventFormatException;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.common.kafka.ReplayRange;
import dev.aoi.persister.write.BatchOutcome;
import dev.aoi.persister.write.ResultBatchWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Rebuilds database rows from {@code aoi.results} for the frames captured in {@code [from, to)}, through the
 * persister's own writer (so a replay is idempotent and never overwrites a newer result with an older one).
 *
 * <p>It reads with a consumer group of its own, assigned rather than subscribed, so the live persister's group
 * and offsets are never touched. Results are published after capture, so scanning from the first offset at or
 * after {@code from} misses none. The stop offsets are fixed at the first run and kept in the commit metadata,
 * and offsets are committed only after the rows: an interrupted replay resumes where it stopped.
 */
public final class ResultsReplay {

    /** Where the replay stands. */
    public record Progress(long scanned, long matched, long imagesStored, long skippedMalformed, long rejected,
            long remaining, double perSecond) {
    }


    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ResultBatchWriter writer;
    private final EventCodec codec = new EventCodec();
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    public ResultsReplay(KafkaConsumer<byte[], byte[]> consumer, ResultBatchWriter writer) {
        this.consumer = consumer;
        this.writer = writer;
    }

    /** The replay's group: the same range always maps to the same group, so it can be resumed. */
    public static String groupId(Instant from, Instant to) {
        return "aoi-replay-results-" + from.toEpochMilli() + "-" + (to == null ? "open" : to.toEpochMilli());
    }

    public void requestStop() {
        stopRequested.set(true);
        consumer.wakeup();
    }

    /** Runs to the stop offsets (or until {@link #requestStop()}); {@code dryRun} counts without writing. */
    public Progress run(String topic, Instant from, Instant to, boolean dryRun, Consumer<Progress> progress) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        consumer.assign(partitions);
        ReplayRange range = ReplayRange.seek(consumer, partitions, from, dryRun);
        Set<TopicPartition> open = new HashSet<>(partitions);
        open.removeIf(range::finished);
        consumer.pause(partitions.stream().filter(tp -> !open.contains(tp)).toList());
        long started = System.nanoTime();
        long lastReport = 0;
        long[] counts = new long[5]; // scanned, matched, stored, malformed, rejected
        while (!open.isEmpty() && !stopRequested.get()) {
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = consumer.poll(Duration.ofMillis(500));
            } catch (WakeupException e) {
                break;
            }
            List<InspectionResult> batch = new ArrayList<>();
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (!range.contains(tp, r.offset())) {
                    continue;
                }
                counts[0]++;
                commit.put(tp, range.commitAfter(tp, r.offset()));
                try {
                    InspectionResult result = codec.decodeResult(r.value());
                    Instant captured = result.capturedAt();
                    if (!captured.isBefore(from) && (to == null || captured.isBefore(to))) {
                        batch.add(result);
                    }
                } catch (EventFormatException e) {
                    counts[3]++; // dead-lettered when it was first consumed; replaying it changes nothing
                }
            }
            counts[1] += batch.size();
            if (!dryRun && !batch.isEmpty()) {
                BatchOutcome outcome = writer.write(batch);
                counts[2] += outcome.imagesStored();
                counts[4] += outcome.rejected().size();
            }
            if (!dryRun && !commit.isEmpty()) {
                consumer.commitSync(commit);
            }
            for (TopicPartition tp : List.copyOf(open)) {
                if (range.finished(tp)) {
                    open.remove(tp);
                    consumer.pause(List.of(tp));
                }
            }
            long now = System.nanoTime();
            if (lastReport == 0 || now - lastReport > 1_000_000_000L || open.isEmpty()) {
                lastReport = now;
                progress.accept(progress(range, counts, started));
            }
        }
        return progress(range, counts, started);
    }


    private Progress progress(ReplayRange range, long[] c, long startedNanos) {
        long remaining = range.remaining();
        double seconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
        return new Progress(c[0], c[1], c[2], c[3], c[4], remaining, c[0] / seconds);
    }

}
