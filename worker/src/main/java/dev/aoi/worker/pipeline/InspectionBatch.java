package dev.aoi.worker.pipeline;

import dev.aoi.worker.inspect.FrameOutcome;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * Records handed to the inspector together, in fetch order, and the outcomes known so far. A batch can outlive one
 * try: outcomes of frames already settled are kept, so a retry only sends the model what it has not answered yet.
 */
final class InspectionBatch {

    final List<FetchedRecord> items;
    /** Outcomes of valid records that are settled (inspected or rejected); identity keys: one per record. */
    final Map<FetchedRecord, FrameOutcome> outcomes = new IdentityHashMap<>();
    /** The records of the try in progress, in the order the inspector answers. */
    List<FetchedRecord> inspecting = List.of();
    Future<List<FrameOutcome>> future;
    /** Why the first unavailable frame of the last try was unavailable, for the log. */
    String firstUnavailable;

    InspectionBatch(List<FetchedRecord> items) {
        this.items = new ArrayList<>(items);
    }

    /** Valid records without a settled outcome: what the model still has to see. */
    List<FetchedRecord> unsettled() {
        return items.stream().filter(r -> r.isValid() && !outcomes.containsKey(r)).toList();
    }

    /** Poison records and records with a settled outcome: what can be published now. */
    List<FetchedRecord> settled() {
        return items.stream().filter(r -> !r.isValid() || outcomes.containsKey(r)).toList();
    }

    /** Drops records of partitions forgotten since they were fetched: they will be read again. */
    void dropStale(OffsetLedger ledger) {
        items.removeIf(r -> !ledger.isCurrent(r.tp(), r.epoch()));
    }
}
