package dev.aoi.worker.pipeline;

import dev.aoi.common.event.ImageRef;
import dev.aoi.worker.inspect.FrameOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands batches to the model and settles what comes back. The {@link BatchInspector} runs on a thread of its own,
 * one batch at a time, so the poll thread never runs the model and keeps polling whatever the model is doing.
 *
 * <p>A finished batch is settled: inspected and rejected frames are published; an exception from the inspector
 * retries the whole batch after a backoff; unavailable frames are retried with backoff too, never dead-lettered:
 * parked in the {@link FetchBuffer} while the rest of the batch goes out when the publisher allows partial batches
 * (at-least-once), or the whole batch waits, keeping the outcomes already known (transactions). Runs on the poll
 * thread, apart from the inspector call itself.
 */
final class BatchScheduler {

    private static final Logger log = LoggerFactory.getLogger(BatchScheduler.class);

    private final BatchInspector inspector;
    private final FetchBuffer fetched;
    private final OffsetLedger ledger;
    private final OutputAssembler outputs;
    private final OutputPublisher publisher;
    private final WorkerMetrics metrics;
    private final Duration closeTimeout;
    private final BooleanSupplier running;
    private final ExecutorService inspectThread;
    private final Backoff inspectBackoff;
    private final Backoff parkBackoff;

    private InspectionBatch inFlight;
    /** A batch to try again once {@link #resumeAtNanos} has passed. */
    private InspectionBatch waiting;
    private long resumeAtNanos = System.nanoTime();

    BatchScheduler(BatchInspector inspector, FetchBuffer fetched, OffsetLedger ledger, OutputAssembler outputs,
            OutputPublisher publisher, WorkerMetrics metrics, LoopSettings settings, BooleanSupplier running) {
        this.inspector = inspector;
        this.fetched = fetched;
        this.ledger = ledger;
        this.outputs = outputs;
        this.publisher = publisher;
        this.metrics = metrics;
        this.closeTimeout = settings.closeTimeout();
        this.running = running;
        this.inspectBackoff = new Backoff(settings.backoffInitial(), settings.backoffMax());
        this.parkBackoff = new Backoff(settings.backoffInitial(), settings.backoffMax());
        this.inspectThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "aoi-inspect");
            t.setDaemon(true);
            return t;
        });
    }

    /** True while a batch is with the model. */
    boolean busy() {
        return inFlight != null;
    }

    /** Starts no batch before {@code wait} has passed (after a failed publish, to let the broker recover). */
    void delayStarts(Duration wait) {
        resumeAtNanos = System.nanoTime() + wait.toNanos();
    }

    /** Hands the next batch to the model when none is in flight and no backoff is running. */
    void startBatches() {
        while (inFlight == null && System.nanoTime() - resumeAtNanos >= 0 && running.getAsBoolean()) {
            InspectionBatch batch = waiting != null ? waiting : fetched.nextBatch();
            waiting = null;
            if (batch == null) {
                return;
            }
            batch.dropStale(ledger);
            List<FetchedRecord> toInspect = batch.unsettled();
            if (toInspect.isEmpty()) {
                settle(batch); // only poison records, or outcomes kept from an earlier try: nothing for the model
                continue;
            }
            List<ImageRef> refs = toInspect.stream().map(FetchedRecord::ref).toList();
            batch.inspecting = toInspect;
            batch.future = inspectThread.submit(() -> {
                long started = System.nanoTime();
                List<FrameOutcome> outcomes = inspector.inspect(refs);
                metrics.batch(refs.size(), System.nanoTime() - started);
                return outcomes;
            });
            inFlight = batch;
        }
    }

    /** Takes the model's answer when the batch in flight is done, and settles it. */
    void finishBatchIfDone() {
        if (inFlight == null || !inFlight.future.isDone()) {
            return;
        }
        InspectionBatch batch = inFlight;
        inFlight = null;
        List<FetchedRecord> inspected = batch.inspecting;
        List<FrameOutcome> outcomes;
        try {
            outcomes = batch.future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            metrics.inspectRetry();
            Duration wait = inspectBackoff.next();
            log.warn("Transient fault inspecting {} frame(s) starting with {}: {}; retrying the batch in {}",
                    inspected.size(), inspected.get(0).ref().imgUniqueId(), cause.toString(), wait);
            retryLater(batch, wait);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a finished batch", e);
        }
        if (outcomes == null || outcomes.size() != inspected.size()) {
            throw new IllegalStateException("the inspector returned " + (outcomes == null ? "null" : outcomes.size())
                    + " outcomes for " + inspected.size() + " frames; it must return one per frame, in order");
        }
        for (int i = 0; i < inspected.size(); i++) {
            FetchedRecord record = inspected.get(i);
            FrameOutcome outcome = outcomes.get(i);
            String id = record.ref().imgUniqueId();
            if (outcome instanceof FrameOutcome.Inspected inspectedFrame) {
                if (!id.equals(inspectedFrame.result().imgUniqueId())) {
                    throw new IllegalStateException("the inspector answered " + inspectedFrame.result().imgUniqueId()
                            + " for " + id + "; outcomes must be in the order of the refs");
                }
                batch.outcomes.put(record, outcome);
            } else if (outcome instanceof FrameOutcome.Rejected) {
                batch.outcomes.put(record, outcome);
            } else if (outcome instanceof FrameOutcome.Unavailable unavailable && batch.firstUnavailable == null) {
                batch.firstUnavailable = id + ": " + unavailable.detail(); // retried, never dead-lettered
            }
        }
        settle(batch);
    }

    /**
     * Publishes what is settled. Frames that are not (unavailable for now) are retried with backoff: parked, riding
     * with a later batch while other frames flow on (the ledger keeps their offsets uncommitted; parked frames count
     * against {@code maxBuffered}, so a long outage still ends in paused partitions, not unbounded memory), or, when
     * the publisher cannot publish part of a batch, the whole batch waits.
     */
    private void settle(InspectionBatch batch) {
        batch.dropStale(ledger); // records of partitions revoked or rewound meanwhile will be read again
        List<FetchedRecord> unsettled = batch.unsettled();
        if (unsettled.isEmpty()) {
            inspectBackoff.reset();
            publish(batch.items, batch);
            if (!fetched.hasParked()) {
                parkBackoff.reset();
            }
            return;
        }
        metrics.inspectRetry();
        boolean park = publisher.publishesPartialBatches();
        Duration wait = park ? parkBackoff.next() : inspectBackoff.next();
        log.warn("{} frame(s) unavailable for now (first {}); retrying them in {}", unsettled.size(),
                batch.firstUnavailable, wait);
        batch.firstUnavailable = null;
        if (!park) {
            retryLater(batch, wait);
            return;
        }
        publish(batch.settled(), batch);
        fetched.park(unsettled, wait);
    }

    private void publish(List<FetchedRecord> records, InspectionBatch batch) {
        List<Output> out = outputs.outputsOf(records, batch.outcomes);
        if (!out.isEmpty()) {
            publisher.publish(out);
        }
    }

    private void retryLater(InspectionBatch batch, Duration wait) {
        batch.future = null;
        batch.inspecting = List.of();
        waiting = batch;
        delayStarts(wait);
    }

    /** Cancels the batch in flight (its records are not committed: they will be read again) and stops the thread. */
    void close() {
        if (inFlight != null) {
            inFlight.future.cancel(true);
        }
        inspectThread.shutdownNow();
        try {
            if (!inspectThread.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The inspector did not return within {} of the stop", closeTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
