package dev.aoi.common.kafka;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * What a resumable replay reads of each assigned partition: from the first record at or after {@code from} (or
 * where an interrupted run of the same group left off) up to the end offset seen when the replay first started.
 * That stop travels in the metadata of every offset the replay commits, so a resumed run stops where the first
 * one would have, not at records published since.
 */
public final class ReplayRange {

    private static final String STOP_KEY = "stop=";

    private final Consumer<?, ?> consumer;
    private final Map<TopicPartition, Long> stops;

    private ReplayRange(Consumer<?, ?> consumer, Map<TopicPartition, Long> stops) {
        this.consumer = consumer;
        this.stops = stops;
    }

    /**
     * Seeks {@code consumer} (assigned {@code partitions}) to where the replay starts or resumes; a dry run ignores
     * what an earlier run committed.
     */
    public static ReplayRange seek(Consumer<?, ?> consumer, List<TopicPartition> partitions, Instant from,
            boolean dryRun) {
        Map<TopicPartition, OffsetAndMetadata> committed = dryRun ? Map.of()
                : consumer.committed(Set.copyOf(partitions));
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> stops = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata done = committed == null ? null : committed.get(tp);
            if (done != null && done.metadata() != null && done.metadata().startsWith(STOP_KEY)) {
                stops.put(tp, Long.parseLong(done.metadata().substring(STOP_KEY.length())));
                consumer.seek(tp, done.offset());
            } else {
                stops.put(tp, ends.get(tp));
                OffsetAndTimestamp start = starts.get(tp);
                consumer.seek(tp, start == null ? ends.get(tp) : start.offset());
            }
        }
        return new ReplayRange(consumer, stops);
    }

    /** Whether {@code offset} of {@code tp} lies inside the range. */
    public boolean contains(TopicPartition tp, long offset) {
        return offset < stops.get(tp);
    }

    /** Whether the consumer has read {@code tp} to its stop. */
    public boolean finished(TopicPartition tp) {
        return position(tp) >= stops.get(tp);
    }

    /** The offset to commit once the record at {@code offset} of {@code tp} is done, carrying the stop. */
    public OffsetAndMetadata commitAfter(TopicPartition tp, long offset) {
        return new OffsetAndMetadata(offset + 1, STOP_KEY + stops.get(tp));
    }

    /** Records left to read over all partitions. */
    public long remaining() {
        long remaining = 0;
        for (Map.Entry<TopicPartition, Long> e : stops.entrySet()) {
            remaining += Math.max(0, e.getValue() - position(e.getKey()));
        }
        return remaining;
    }

    /** The consumer's position; a wake-up left pending by a stop request is consumed, not propagated. */
    private long position(TopicPartition tp) {
        try {
            return consumer.position(tp);
        } catch (WakeupException e) {
            return consumer.position(tp);
        }
    }
}
