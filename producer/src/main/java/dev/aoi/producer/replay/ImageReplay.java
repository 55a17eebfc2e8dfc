package dev.aoi.producer.replay;

import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.EventFormatException;
import dev.aoi.common.event.ImageRef;
import dev.aoi.common.kafka.ReplayRange;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Sends the frames of a time range through the workers again by re-publishing their {@code ImageRef}s.
 *
 * <p>Records are published after capture, so scanning from the first offset whose timestamp is at or after
 * {@code from} misses none of them. Where to stop is fixed at the first run (the end offsets then, stored as the
 * commit metadata of the replay's own group), so a resumed replay neither re-reads what it published nor stops
 * short. Offsets are committed only after the broker has the re-published records: an interruption repeats at
 * most one batch, which downstream is an idempotent overwrite.
 */
public final class ImageReplay {

    /** What the replay did so far. */
    public record Progress(long scanned, long matched, long published, long skippedMalformed, long remaining,
            double perSecond) {
    }


    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final EventCodec codec = new EventCodec();
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    public ImageReplay(KafkaConsumer<String, byte[]> consumer, KafkaProducer<String, byte[]> producer) {
        this.consumer = consumer;
        this.producer = producer;
    }

    /** Asks a running replay to stop after its current batch (it can be resumed later). */
    public void requestStop() {
        stopRequested.set(true);
        consumer.wakeup();
    }

    /** Runs the plan to its end (or until {@link #requestStop()}), reporting progress about once a second. */
    public Progress run(ReplayPlan plan, Consumer<Progress> progress) {
        List<TopicPartition> partitions = consumer.partitionsFor(plan.topic()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + plan.topic() + " does not exist");
        }
        consumer.assign(partitions);
        ReplayRange range = ReplayRange.seek(consumer, partitions, plan.from(), plan.dryRun());
        long started = System.nanoTime();
        long lastReport = 0;
        long scanned = 0;
        long matched = 0;
        long published = 0;
        long malformed = 0;
        Set<TopicPartition> open = new java.util.HashSet<>(partitions);
        open.removeIf(range::finished);
        consumer.pause(partitions.stream().filter(tp -> !open.contains(tp)).toList());
        while (!open.isEmpty() && !stopRequested.get()) {
            ConsumerRecords<String, byte[]> records;
            try {
                records = consumer.poll(Duration.ofMillis(500));
            } catch (WakeupException e) {
                break;
            }
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : records) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (!range.contains(tp, r.offset())) {
                    continue;
                }
                scanned++;
                commit.put(tp, range.commitAfter(tp, r.offset()));
                ImageRef ref;
                try {
                    ref = codec.decodeImageRef(r.value());
                } catch (EventFormatException e) {
                    malformed++; // it went to the dead-letter topic the first time; replaying it changes nothing
                    continue;
                }
                if (!plan.matches(ref.capturedAt(), ref.cameraId())) {
                    continue;
                }
                matched++;
                if (!plan.dryRun()) {
                    ProducerRecord<String, byte[]> again = new ProducerRecord<>(plan.topic(), r.key(), r.value());
                    again.headers().add("aoi-replay", plan.groupId().getBytes(StandardCharsets.UTF_8));
                    sends.add(producer.send(again));
                }
            }
            if (!plan.dryRun()) {
                awaitAll(sends);
                if (!commit.isEmpty()) {
                    consumer.commitSync(commit);
                }
            }
            for (TopicPartition tp : List.copyOf(open)) {
                if (range.finished(tp)) {
                    open.remove(tp);
                    consumer.pause(List.of(tp));
                }
            }
            published = plan.dryRun() ? 0 : published + sends.size();
            long now = System.nanoTime();
            if (lastReport == 0 || now - lastReport > 1_000_000_000L || open.isEmpty()) {
                lastReport = now;
                progress.accept(progress(range, scanned, matched, published, malformed, started));
            }
        }
        return progress(range, scanned, matched, published, malformed, started);
    }


    private Progress progress(ReplayRange range, long scanned, long matched, long published,
            long malformed, long startedNanos) {
        long remaining = range.remaining();
        double seconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
        return new Progress(scanned, matched, published, malformed, remaining, scanned / seconds);
    }

    private static void awaitAll(List<Future<RecordMetadata>> sends) {
        for (Future<RecordMetadata> f : sends) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("re-publishing failed; nothing after the last commit is lost, "
                        + "run the same replay again to resume", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while re-publishing", e);
            }
        }
    }

}
