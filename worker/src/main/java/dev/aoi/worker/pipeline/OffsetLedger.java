package dev.aoi.worker.pipeline;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * Which input offsets may be committed: a record counts as done only when the broker has acknowledged its
 * output (result or dead letter), and a partition's commit position only moves over a contiguous run of done
 * records, so a commit never skips a record whose output could still be lost (at-least-once).
 *
 * <p>Each partition has an epoch that moves on whenever its in-memory state is thrown away (revoked, lost, or
 * rewound after a failed publish); completions carrying an older epoch are ignored, because the records they
 * belong to will be fetched and processed again. Not thread-safe: the poll loop owns it.
 */
final class OffsetLedger {

    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private final Map<TopicPartition, Integer> epochs = new HashMap<>();

    /** Starts tracking a fetched record; offsets of one partition must arrive in increasing order. Returns its epoch. */
    int track(TopicPartition tp, long offset) {
        PartitionState state = partitions.computeIfAbsent(tp, k -> new PartitionState());
        if (state.lastTracked >= offset) {
            throw new IllegalStateException("offset " + offset + " of " + tp + " tracked after " + state.lastTracked
                    + ": the partition must be forgotten before it is read again");
        }
        state.lastTracked = offset;
        state.pending.addLast(new Entry(offset));
        return epoch(tp);
    }

    /** The current epoch of a partition. */
    int epoch(TopicPartition tp) {
        return epochs.getOrDefault(tp, 0);
    }

    /** True when a completion with this epoch still belongs to the partition's current state. */
    boolean isCurrent(TopicPartition tp, int epoch) {
        return epoch(tp) == epoch && partitions.containsKey(tp);
    }

    /** Marks a record done (its output was acknowledged). Returns false, changing nothing, for a stale epoch. */
    boolean complete(TopicPartition tp, long offset, int epoch) {
        if (!isCurrent(tp, epoch)) {
            return false;
        }
        PartitionState state = partitions.get(tp);
        Entry found = null;
        for (Entry e : state.pending) {
            if (e.offset == offset) {
                found = e;
                break;
            }
        }
        if (found == null) {
            throw new IllegalStateException("offset " + offset + " of " + tp + " completed but never tracked");
        }
        found.done = true;
        while (!state.pending.isEmpty() && state.pending.peekFirst().done) {
            state.position = state.pending.removeFirst().offset + 1;
        }
        return true;
    }

    /** The first offset of a partition whose output is not acknowledged yet, if any. */
    OptionalLong firstPending(TopicPartition tp) {
        PartitionState state = partitions.get(tp);
        return state == null || state.pending.isEmpty()
                ? OptionalLong.empty() : OptionalLong.of(state.pending.peekFirst().offset);
    }

    /** Number of tracked records not done yet, over all partitions. */
    int pendingCount() {
        int n = 0;
        for (PartitionState s : partitions.values()) {
            n += s.pending.size();
        }
        return n;
    }

    /**
     * Commit positions (next offset to read) that moved since they were last handed out, and marks them handed
     * out; call {@link #commitFailed} if the commit does not go through.
     */
    Map<TopicPartition, Long> takeCommittable() {
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        partitions.forEach((tp, s) -> {
            if (s.position > s.handedOut) {
                out.put(tp, s.position);
                s.handedOut = s.position;
            }
        });
        return out;
    }

    /** Commit positions of the given partitions that may be committed now, whether handed out before or not. */
    Map<TopicPartition, Long> committablePositions(Collection<TopicPartition> tps) {
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        for (TopicPartition tp : tps) {
            PartitionState s = partitions.get(tp);
            if (s != null && s.position >= 0) {
                out.put(tp, s.position);
                s.handedOut = Math.max(s.handedOut, s.position);
            }
        }
        return out;
    }

    /** A commit of these positions failed: hand them out again next time. */
    void commitFailed(Map<TopicPartition, Long> offsets) {
        offsets.forEach((tp, position) -> {
            PartitionState s = partitions.get(tp);
            if (s != null && s.handedOut <= position) {
                s.handedOut = -1;
            }
        });
    }

    /**
     * Throws away what is known about these partitions and moves their epochs on: pending records will be read
     * again (from the committed offset, or from where the caller seeks).
     */
    void forget(Collection<TopicPartition> tps) {
        for (TopicPartition tp : tps) {
            partitions.remove(tp);
            epochs.merge(tp, 1, Integer::sum);
        }
    }

    /** Partitions with any state. */
    Collection<TopicPartition> partitions() {
        return partitions.keySet();
    }

    private static final class PartitionState {
        final ArrayDeque<Entry> pending = new ArrayDeque<>();
        long lastTracked = -1;
        /** Next offset to read after the contiguous run of done records; -1 until the first one is done. */
        long position = -1;
        long handedOut = -1;
    }

    private static final class Entry {
        final long offset;
        boolean done;

        Entry(long offset) {
            this.offset = offset;
        }
    }
}
