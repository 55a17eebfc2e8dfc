package dev.aoi.worker.pipeline;

import dev.aoi.common.DeadLetters.Reason;
import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.ImageRef;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.common.kafka.DeadLetterRecords;
import dev.aoi.worker.inspect.FrameOutcome;
import dev.aoi.worker.pipeline.ImageRefReader.Poison;
import dev.aoi.worker.pipeline.ImageRefReader.Valid;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's read-inspect-publish loop over a plain {@link Consumer} and {@link Producer}.
 *
 * <p>One thread (the caller of {@link #run}) owns the consumer and polls every {@code pollTimeout}, whatever the
 * model is doing; the {@link BatchInspector} runs on a second thread, one batch at a time. While records wait for
 * the model the loop pauses its partitions instead of polling more, so a slow model only slows the stream down:
 * it never stalls the consumer past {@code max.poll.interval.ms} and never triggers a rebalance.
 *
 * <p>At-least-once (default): each record's output (its result on {@code aoi.results}, or its dead letter on
 * {@code aoi.images.DLT}) is sent asynchronously, and the record's offset becomes committable only when the broker
 * acknowledged that output and every output before it in the partition ({@link OffsetLedger}). A failed publish
 * rewinds the partition to its first unacknowledged record and processes again; a transient inspector fault
 * (an exception: the whole batch) or a frame that is neither inspected nor rejected (that frame only) is retried
 * with backoff. Nothing is dead-lettered for a transient fault and nothing is skipped.
 *
 * <p>Exactly-once ({@code transactions}): each batch's outputs and its input offsets go into one producer
 * transaction; a failed transaction is aborted and the partitions rewound to the last committed offsets.
 */
public final class InspectionLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(InspectionLoop.class);

    /** Where the loop is; for health checks. */
    public enum State { STARTING, RUNNING, STOPPED, FAILED }

    private final Consumer<byte[], byte[]> consumer;
    private final Supplier<Producer<byte[], byte[]>> producers;
    private final BatchInspector inspector;
    private final ImageRefReader reader;
    private final EventCodec codec;
    private final DeadLetterRecords deadLetters;
    private final WorkerMetrics metrics;
    private final LoopSettings settings;

    private final OffsetLedger ledger = new OffsetLedger();
    private final Deque<Work> buffer = new ArrayDeque<>();
    /** Frames that were unavailable (at-least-once mode): retried with the next batch once their backoff passed. */
    private final Deque<Work> parked = new ArrayDeque<>();
    private final Queue<Ack> acks = new ConcurrentLinkedQueue<>();
    /** Records whose result the broker refused as too large in a transaction: dead-lettered when read again. */
    private final Set<String> refusedAsTooLarge = new HashSet<>();
    private final ExecutorService inspectThread;
    private final Backoff inspectBackoff;
    private final Backoff publishBackoff;
    private final Backoff parkBackoff;

    private Producer<byte[], byte[]> producer;
    private Chunk inFlight;
    private Chunk waiting;
    private long resumeAtNanos = System.nanoTime();
    private long parkedUntilNanos = System.nanoTime();
    private long lagRecordedNanos = System.nanoTime();
    private int commitFailures;
    private volatile boolean running = true;
    private volatile State state = State.STARTING;
    private volatile Throwable failure;

    public InspectionLoop(Consumer<byte[], byte[]> consumer, Supplier<Producer<byte[], byte[]>> producers,
            BatchInspector inspector, ImageRefReader reader, EventCodec codec, DeadLetterRecords deadLetters,
            WorkerMetrics metrics, LoopSettings settings) {
        this.consumer = consumer;
        this.producers = producers;
        this.inspector = inspector;
        this.reader = reader;
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.settings = settings;
        this.inspectBackoff = new Backoff(settings.backoffInitial(), settings.backoffMax());
        this.publishBackoff = new Backoff(settings.backoffInitial(), settings.backoffMax());
        this.parkBackoff = new Backoff(settings.backoffInitial(), settings.backoffMax());
        this.inspectThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "aoi-inspect");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Records how many input records wait behind this worker's position, about once a second, on the loop's own
     * thread (the consumer is not thread-safe); the client's cached end offsets make it a local computation.
     */
    private void recordLag() {
        if (System.nanoTime() - lagRecordedNanos < 1_000_000_000L) {
            return;
        }
        lagRecordedNanos = System.nanoTime();
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            lag += consumer.currentLag(partition).orElse(0);
        }
        metrics.lag(lag);
    }

    /** Runs until {@link #stop}; then publishes and commits what it can and closes the clients. */
    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(settings.imagesTopic()), new Rebalance());
            state = State.RUNNING;
            while (running) {
                take(consumer.poll(settings.pollTimeout()));
                recordLag();
                handleAcks();
                finishChunkIfDone();
                startChunks();
                commitProgress();
                applyBackpressure();
            }
            state = State.STOPPED;
        } catch (Throwable t) {
            failure = t;
            state = State.FAILED;
            log.error("Inspection loop stopped by an unexpected error; uncommitted records will be read again"
                    + " after a restart", t);
        } finally {
            shutDown();
        }
    }

    /** Asks the loop to stop; it finishes its current step, commits what was acknowledged, and returns. */
    public void stop() {
        running = false;
    }

    public State state() {
        return state;
    }

    /** Why the loop failed, or null. */
    public Throwable failure() {
        return failure;
    }

    // --- reading ------------------------------------------------------------------------------------------

    private void take(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> r : records) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            int epoch = ledger.track(tp, r.offset());
            buffer.addLast(new Work(r, tp, epoch, reader.read(r.value())));
            metrics.frameIn();
        }
    }

    /** Pauses every assigned partition while enough records wait for the model; resumes when they drained. */
    private void applyBackpressure() {
        if (buffer.size() + parked.size() >= settings.maxBuffered()) {
            consumer.pause(consumer.assignment());
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    // --- inspecting ---------------------------------------------------------------------------------------

    private void startChunks() {
        while (inFlight == null && System.nanoTime() - resumeAtNanos >= 0 && running) {
            Chunk chunk = waiting != null ? waiting : nextChunk();
            waiting = null;
            if (chunk == null) {
                return;
            }
            chunk.dropStale(ledger);
            List<Work> toInspect = chunk.unsettled();
            if (toInspect.isEmpty()) {
                settle(chunk); // only poison records, or outcomes kept from an earlier try: nothing for the model
                continue;
            }
            List<ImageRef> refs = toInspect.stream().map(w -> ((Valid) w.read).ref()).toList();
            chunk.inspecting = toInspect;
            chunk.future = inspectThread.submit(() -> {
                long started = System.nanoTime();
                List<FrameOutcome> outcomes = inspector.inspect(refs);
                metrics.batch(refs.size(), System.nanoTime() - started);
                return outcomes;
            });
            inFlight = chunk;
        }
    }

    /**
     * Parked frames whose backoff has passed, then the next records in fetch order, up to {@code batchSize} valid
     * refs (poison records ride along).
     */
    private Chunk nextChunk() {
        List<Work> items = new ArrayList<>();
        int refs = 0;
        if (System.nanoTime() - parkedUntilNanos >= 0) {
            while (!parked.isEmpty() && refs < settings.batchSize()) {
                items.add(parked.removeFirst());
                refs++;
            }
        }
        while (!buffer.isEmpty() && refs < settings.batchSize()) {
            Work work = buffer.removeFirst();
            items.add(work);
            if (work.read instanceof Valid) {
                refs++;
            }
        }
        return items.isEmpty() ? null : new Chunk(items);
    }

    private void finishChunkIfDone() {
        if (inFlight == null || !inFlight.future.isDone()) {
            return;
        }
        Chunk chunk = inFlight;
        inFlight = null;
        List<Work> inspected = chunk.inspecting;
        List<FrameOutcome> outcomes;
        try {
            outcomes = chunk.future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            metrics.inspectRetry();
            Duration wait = inspectBackoff.next();
            log.warn("Transient fault inspecting {} frame(s) starting with {}: {}; retrying the batch in {}",
                    inspected.size(), ((Valid) inspected.get(0).read).ref().imgUniqueId(), cause.toString(), wait);
            retryLater(chunk, wait);
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
            Work work = inspected.get(i);
            FrameOutcome outcome = outcomes.get(i);
            String id = ((Valid) work.read).ref().imgUniqueId();
            if (outcome instanceof FrameOutcome.Inspected inspectedFrame) {
                if (!id.equals(inspectedFrame.result().imgUniqueId())) {
                    throw new IllegalStateException("the inspector answered " + inspectedFrame.result().imgUniqueId()
                            + " for " + id + "; outcomes must be in the order of the refs");
                }
                chunk.outcomes.put(work, outcome);
            } else if (outcome instanceof FrameOutcome.Rejected) {
                chunk.outcomes.put(work, outcome);
            } else if (outcome instanceof FrameOutcome.Unavailable unavailable && chunk.firstUnavailable == null) {
                chunk.firstUnavailable = id + ": " + unavailable.detail(); // retried, never dead-lettered
            }
        }
        settle(chunk);
    }

    /**
     * Publishes what is settled. Frames that are not (unavailable for now) are retried with backoff. In
     * at-least-once mode they are parked and ride with a later batch while other frames flow on (the ledger keeps
     * their offsets uncommitted; parked frames count against {@code maxBuffered}, so a long outage still ends in
     * paused partitions, not unbounded memory). Under transactions the whole chunk waits, keeping the outcomes
     * already known, because a transaction's offsets must not pass a frame without an output.
     */
    private void settle(Chunk chunk) {
        chunk.dropStale(ledger); // records of partitions revoked or rewound meanwhile will be read again
        List<Work> unsettled = chunk.unsettled();
        if (unsettled.isEmpty()) {
            inspectBackoff.reset();
            publish(chunk.items, chunk);
            if (parked.isEmpty()) {
                parkBackoff.reset();
            }
            return;
        }
        metrics.inspectRetry();
        Duration wait = settings.transactions() ? inspectBackoff.next() : parkBackoff.next();
        log.warn("{} frame(s) unavailable for now (first {}); retrying them in {}", unsettled.size(),
                chunk.firstUnavailable, wait);
        chunk.firstUnavailable = null;
        if (settings.transactions()) {
            retryLater(chunk, wait);
            return;
        }
        List<Work> settled = chunk.items.stream()
                .filter(w -> w.read instanceof Poison || chunk.outcomes.containsKey(w)).toList();
        publish(settled, chunk);
        parked.addAll(unsettled);
        parkedUntilNanos = System.nanoTime() + wait.toNanos();
    }

    private void retryLater(Chunk chunk, Duration wait) {
        chunk.future = null;
        chunk.inspecting = List.of();
        waiting = chunk;
        resumeAtNanos = System.nanoTime() + wait.toNanos();
    }

    // --- publishing ---------------------------------------------------------------------------------------

    private void publish(List<Work> works, Chunk chunk) {
        List<Output> outputs = new ArrayList<>(works.size());
        for (Work work : works) {
            if (work.read instanceof Poison poison) {
                outputs.add(deadLetter(work, poison.reason(), poison.detail()));
            } else if (chunk.outcomes.get(work) instanceof FrameOutcome.Inspected inspected) {
                // the source offset orders reprocessings of one frame in the database, not the worker's clock
                InspectionResult result = inspected.result().withSourceOffset(work.record.offset());
                byte[] key = result.imgUniqueId().getBytes(StandardCharsets.UTF_8);
                byte[] value = codec.encode(result);
                if (refusedAsTooLarge.remove(work.tp + "@" + work.record.offset())) {
                    outputs.add(deadLetter(work, Reason.RESULT_TOO_LARGE, tooLargeDetail(result.imgUniqueId(),
                            value.length)));
                    continue;
                }
                if (value.length > settings.maxResultBytes()) {
                    int regions = result.classes().stream().mapToInt(c -> c.totalRegions()).sum();
                    outputs.add(deadLetter(work, Reason.RESULT_TOO_LARGE, "the result of " + result.imgUniqueId()
                            + " is " + value.length + " bytes (" + regions + " regions), more than aoi.worker."
                            + "max-result-bytes=" + settings.maxResultBytes() + "; raise it with the results topic's"
                            + " max.message.bytes, or raise aoi.worker.min-area-pixels"));
                    continue;
                }
                outputs.add(new Output(work, new ProducerRecord<>(settings.resultsTopic(), key, value), null));
            } else if (chunk.outcomes.get(work) instanceof FrameOutcome.Rejected rejected) {
                outputs.add(deadLetter(work, rejected.reason(), rejected.detail()));
            } else {
                throw new IllegalStateException("publishing " + work.record + " before it is settled");
            }
        }
        if (outputs.isEmpty()) {
            return;
        }
        if (settings.transactions()) {
            publishInTransaction(outputs);
        } else {
            publishAsync(outputs);
        }
    }

    private Output deadLetter(Work work, Reason reason, String detail) {
        return new Output(work, deadLetters.of(work.record, reason, detail), reason);
    }

    private void publishAsync(List<Output> outputs) {
        try {
            ensureProducer();
        } catch (RuntimeException e) {
            outputs.forEach(out -> acks.add(new Ack(out, e)));
            return;
        }
        for (Output out : outputs) {
            try {
                producer.send(out.record, (metadata, error) -> acks.add(new Ack(out, error)));
            } catch (RuntimeException e) {
                acks.add(new Ack(out, e));
            }
        }
    }

    /** Applies the broker's answers: done records move the commit position; a failure rewinds its partition. */
    private void handleAcks() {
        Set<TopicPartition> failed = new LinkedHashSet<>();
        List<Output> tooLarge = new ArrayList<>();
        Ack ack;
        while ((ack = acks.poll()) != null) {
            Work work = ack.output.work;
            if (ack.error == null) {
                ledger.complete(work.tp, work.record.offset(), work.epoch);
                count(ack.output);
                publishBackoff.reset();
            } else if (ack.output.reason == null && ack.error instanceof RecordTooLargeException) {
                tooLarge.add(ack.output); // refused every time: a dead letter, never a rewind and a new inference
            } else if (ledger.isCurrent(work.tp, work.epoch) && failed.add(work.tp)) {
                metrics.publishFailure();
                log.warn("Publishing the output of {}-{}@{} failed: {}; reading the partition again from its first"
                        + " unacknowledged record", work.tp.topic(), work.tp.partition(), work.record.offset(),
                        ack.error.toString());
            }
        }
        if (!failed.isEmpty()) {
            rewind(failed);
            resumeAtNanos = System.nanoTime() + publishBackoff.next().toNanos();
        }
        List<Output> letters = tooLarge.stream().filter(o -> ledger.isCurrent(o.work.tp, o.work.epoch))
                .map(o -> deadLetter(o.work, Reason.RESULT_TOO_LARGE, tooLargeDetail(
                        new String(o.record.key(), StandardCharsets.UTF_8), o.record.value().length)))
                .toList();
        if (!letters.isEmpty()) {
            publishAsync(letters);
        }
    }

    private String tooLargeDetail(String imgUniqueId, int bytes) {
        return "the broker refused the result of " + imgUniqueId + " (" + bytes + " bytes) as larger than the topic "
                + settings.resultsTopic() + " accepts: raise its max.message.bytes to aoi.worker.max-result-bytes ("
                + settings.maxResultBytes() + ") plus 64 KiB, or lower aoi.worker.max-result-bytes";
    }

    private void publishInTransaction(List<Output> outputs) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Output out : outputs) {
            offsets.merge(out.work.tp, new OffsetAndMetadata(out.work.record.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(outputs.size());
        try {
            ensureProducer();
            producer.beginTransaction();
            for (Output out : outputs) {
                sends.add(producer.send(out.record)); // a failed send surfaces in commitTransaction
            }
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
        } catch (RuntimeException e) {
            metrics.publishFailure();
            log.warn("Transaction for {} record(s) failed: {}; aborting and reading {} again from the last commit",
                    outputs.size(), e.toString(), offsets.keySet());
            abortQuietly();
            rememberTooLarge(outputs, sends);
            rewind(offsets.keySet());
            resumeAtNanos = System.nanoTime() + publishBackoff.next().toNanos();
            return;
        }
        publishBackoff.reset();
        for (Output out : outputs) {
            ledger.complete(out.work.tp, out.work.record.offset(), out.work.epoch);
            count(out);
        }
        ledger.takeCommittable(); // committed with the transaction
    }

    /** Results the broker refused as too large in a failed transaction become dead letters when read again. */
    private void rememberTooLarge(List<Output> outputs, List<Future<RecordMetadata>> sends) {
        for (int i = 0; i < sends.size(); i++) {
            Future<RecordMetadata> send = sends.get(i);
            if (outputs.get(i).reason == null && send.isDone()) {
                try {
                    send.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RecordTooLargeException) {
                        refusedAsTooLarge.add(outputs.get(i).work.tp + "@" + outputs.get(i).work.record.offset());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    // cancelled: nothing known about this send
                }
            }
        }
    }

    private void count(Output out) {
        if (out.reason == null) {
            metrics.frameOut();
        } else {
            metrics.deadLetter(out.reason);
        }
    }

    private void ensureProducer() {
        if (producer != null) {
            return;
        }
        Producer<byte[], byte[]> created = producers.get();
        try {
            if (settings.transactions()) {
                created.initTransactions();
            }
        } catch (RuntimeException e) {
            created.close(Duration.ZERO);
            throw e;
        }
        producer = created;
    }

    /** Aborts the open transaction; a producer that cannot abort (fenced, fatal) is replaced by a new one. */
    private void abortQuietly() {
        if (producer == null) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            log.warn("Could not abort the transaction ({}); starting a new producer", e.toString());
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    // --- committing and rewinding -------------------------------------------------------------------------

    private void commitProgress() {
        if (settings.transactions()) {
            return;
        }
        Map<TopicPartition, Long> positions = ledger.takeCommittable();
        if (positions.isEmpty()) {
            return;
        }
        consumer.commitAsync(toOffsets(positions), (offsets, error) -> {
            if (error == null) {
                if (commitFailures > 0) {
                    log.info("Commits go through again after {} failed attempt(s)", commitFailures);
                }
                commitFailures = 0;
                return;
            }
            ledger.commitFailed(positions);
            commitFailures++;
            if (commitFailures == 1 || commitFailures % 100 == 0) { // one line per streak, not one per poll
                log.warn("Commit of {} failed ({} in a row: {}); retrying with the next poll", positions,
                        commitFailures, error.toString());
            }
        });
    }

    private void commitSyncQuietly(Collection<TopicPartition> tps) {
        if (settings.transactions()) {
            return; // offsets were committed with each transaction
        }
        Map<TopicPartition, Long> positions = ledger.committablePositions(tps);
        if (positions.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(toOffsets(positions));
        } catch (RuntimeException e) {
            log.warn("Commit of {} failed ({}); those records will be read again", positions, e.toString());
        }
    }

    /**
     * Sends these partitions back to their first record without an acknowledged output, after committing the
     * ones before it, and forgets everything fetched after it: it is fetched again and processed again.
     */
    private void rewind(Collection<TopicPartition> tps) {
        commitSyncQuietly(tps);
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition tp : tps) {
            OptionalLong first = ledger.firstPending(tp);
            if (first.isPresent() && assigned.contains(tp)) {
                consumer.seek(tp, first.getAsLong());
            }
        }
        forget(tps);
    }

    private void forget(Collection<TopicPartition> tps) {
        Set<TopicPartition> gone = new HashSet<>(tps);
        ledger.forget(gone);
        buffer.removeIf(w -> gone.contains(w.tp));
        parked.removeIf(w -> gone.contains(w.tp));
    }

    private static Map<TopicPartition, OffsetAndMetadata> toOffsets(Map<TopicPartition, Long> positions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        positions.forEach((tp, position) -> offsets.put(tp, new OffsetAndMetadata(position)));
        return offsets;
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            if (revoked.isEmpty()) {
                return;
            }
            if (!settings.transactions() && producer != null) {
                try {
                    producer.flush(); // acknowledge what is on its way, so that its offsets can be committed
                } catch (RuntimeException e) {
                    log.warn("Flush before giving up {} failed: {}", revoked, e.toString());
                }
                handleAcks();
            }
            commitSyncQuietly(revoked);
            forget(revoked);
            log.info("Partitions revoked: {}", revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            forget(lost); // another worker owns them already: committing is no longer possible
            log.warn("Partitions lost: {}; their uncommitted records will be processed by their new owner", lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (!assigned.isEmpty()) {
                log.info("Partitions assigned: {}", assigned);
            }
        }
    }

    // --- stopping -----------------------------------------------------------------------------------------

    private void shutDown() {
        running = false;
        if (inFlight != null) {
            inFlight.future.cancel(true); // its records are not committed: they will be read again
        }
        inspectThread.shutdownNow();
        try {
            if (!inspectThread.awaitTermination(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The inspector did not return within {} of the stop", settings.closeTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (producer != null) {
                producer.close(settings.closeTimeout()); // waits for outstanding acknowledgements
                producer = null;
            }
            handleAcksOnClose();
            commitOnClose();
        } catch (RuntimeException e) {
            log.warn("Closing the producer failed: {}", e.toString());
        } finally {
            try {
                consumer.close();
            } catch (RuntimeException e) {
                log.warn("Closing the consumer failed: {}", e.toString());
            }
        }
        if (state != State.FAILED) {
            state = State.STOPPED;
        }
    }

    /**
     * Commits what was acknowledged before the consumer leaves. A rebalance in progress (a member joined, or the
     * coordinator moved, e.g. after a broker restart) refuses commits until this member has rejoined, so poll,
     * with every partition paused, until it has or the close timeout is spent.
     */
    private void commitOnClose() {
        if (settings.transactions()) {
            return;
        }
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        while (true) {
            Map<TopicPartition, Long> positions = ledger.committablePositions(new ArrayList<>(ledger.partitions()));
            if (positions.isEmpty()) {
                return;
            }
            try {
                consumer.commitSync(toOffsets(positions));
                return;
            } catch (RebalanceInProgressException e) {
                if (System.nanoTime() - deadline > 0) {
                    log.warn("Commit of {} on close still refused by a rebalance after {}; those records will be"
                            + " read again", positions, settings.closeTimeout());
                    return;
                }
                consumer.pause(consumer.assignment());
                consumer.poll(settings.pollTimeout()); // records of partitions assigned meanwhile are not tracked
            } catch (RuntimeException e) {
                log.warn("Commit of {} on close failed ({}); those records will be read again", positions,
                        e.toString());
                return;
            }
        }
    }

    /** Like {@link #handleAcks} but without rewinding: nothing will be read again by this consumer. */
    private void handleAcksOnClose() {
        Ack ack;
        while ((ack = acks.poll()) != null) {
            if (ack.error == null) {
                Work work = ack.output.work;
                ledger.complete(work.tp, work.record.offset(), work.epoch);
                count(ack.output);
            }
        }
    }

    // --- data ---------------------------------------------------------------------------------------------

    /** A fetched record, what it was read as, and the partition epoch it belongs to. */
    private record Work(ConsumerRecord<byte[], byte[]> record, TopicPartition tp, int epoch, ImageRefReader.Read read) {
    }

    /** One output to publish for one input record. {@code reason} is null for a result. */
    private record Output(Work work, ProducerRecord<byte[], byte[]> record, Reason reason) {
    }

    private record Ack(Output output, Exception error) {
    }

    /** Records handed to the inspector together, in fetch order, and the outcomes known so far. */
    private static final class Chunk {
        final List<Work> items;
        /** Outcomes of valid records that are settled (inspected or rejected); identity keys: one per record. */
        final Map<Work, FrameOutcome> outcomes = new IdentityHashMap<>();
        List<Work> inspecting = List.of();
        Future<List<FrameOutcome>> future;
        /** Why the first unavailable frame of the last try was unavailable, for the log. */
        String firstUnavailable;

        Chunk(List<Work> items) {
            this.items = new ArrayList<>(items);
        }

        /** Valid records without a settled outcome: what the model still has to see. */
        List<Work> unsettled() {
            return items.stream().filter(w -> w.read instanceof Valid && !outcomes.containsKey(w)).toList();
        }

        /** Drops records of partitions forgotten since they were fetched. */
        void dropStale(OffsetLedger ledger) {
            items.removeIf(w -> !ledger.isCurrent(w.tp, w.epoch));
        }
    }
}
