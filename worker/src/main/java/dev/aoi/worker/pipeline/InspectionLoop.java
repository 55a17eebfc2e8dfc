package dev.aoi.worker.pipeline;

import dev.aoi.common.event.EventCodec;
import dev.aoi.common.kafka.DeadLetterRecords;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's read-inspect-publish loop over a plain {@link Consumer} and {@link Producer}, composed of one part
 * per job: {@link FetchBuffer} (reading, parking, backpressure, rewinding), {@link BatchScheduler} (the model on its
 * own thread, retries), an {@link OutputPublisher} per delivery guarantee ({@link AtLeastOncePublisher},
 * {@link TransactionalPublisher}) and {@link PartitionRebalance}. Why a loop of our own and not spring-kafka's
 * listener container: worker README, "Delivery guarantees".
 *
 * <p>One thread (the caller of {@link #run}) owns the consumer and polls every {@code pollTimeout}, whatever the
 * model is doing; while records wait for the model the loop pauses its partitions instead of fetching more, so a
 * slow model only slows the stream down: it never stalls the consumer past {@code max.poll.interval.ms} and never
 * triggers a rebalance. An input offset is committed only once the outputs of that record and of every record
 * before it in its partition are acknowledged ({@link OffsetLedger}), or, with transactions, in the same
 * transaction as the outputs.
 */
public final class InspectionLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(InspectionLoop.class);

    /** Where the loop is; for health checks. */
    public enum State { STARTING, RUNNING, STOPPED, FAILED }

    private final Consumer<byte[], byte[]> consumer;
    private final LoopSettings settings;
    private final FetchBuffer fetched;
    private final OutputPublisher publisher;
    private final BatchScheduler scheduler;

    private volatile boolean running = true;
    private volatile State state = State.STARTING;
    private volatile Throwable failure;

    public InspectionLoop(Consumer<byte[], byte[]> consumer, Supplier<Producer<byte[], byte[]>> producers,
            BatchInspector inspector, ImageRefReader reader, EventCodec codec, DeadLetterRecords deadLetters,
            WorkerMetrics metrics, LoopSettings settings) {
        this.consumer = consumer;
        this.settings = settings;
        OffsetLedger ledger = new OffsetLedger();
        this.fetched = new FetchBuffer(consumer, ledger, reader, metrics, settings.batchSize(),
                settings.maxBuffered());
        OutputAssembler outputs = new OutputAssembler(codec, deadLetters, settings.resultsTopic(),
                settings.maxResultBytes());
        ProducerSlot producer = new ProducerSlot(producers, settings.transactions());
        OutputPublisher.Rewind rewind = (partitions, wait) -> {
            fetched.rewind(partitions);
            scheduler().delayStarts(wait);
        };
        this.publisher = settings.transactions()
                ? new TransactionalPublisher(consumer, ledger, producer, outputs, metrics, rewind, settings)
                : new AtLeastOncePublisher(consumer, ledger, producer, outputs, metrics, rewind, settings);
        this.scheduler = new BatchScheduler(inspector, fetched, ledger, outputs, publisher, metrics, settings,
                () -> running);
    }

    private BatchScheduler scheduler() {
        return scheduler;
    }

    /** Runs until {@link #stop}; then publishes and commits what it can and closes the clients. */
    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(settings.imagesTopic()), new PartitionRebalance(publisher, fetched));
            state = State.RUNNING;
            while (running) {
                fetched.take(consumer.poll(settings.pollTimeout()));
                fetched.recordLag();
                publisher.handleAcknowledgements();
                scheduler.finishBatchIfDone();
                scheduler.startBatches();
                publisher.commitProgress();
                fetched.applyBackpressure();
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

    /**
     * Cancels the model's current batch (not committed, so read again), lets the publisher wait for outstanding
     * acknowledgements and commit, and leaves the group.
     */
    private void shutDown() {
        running = false;
        scheduler.close();
        try {
            publisher.close();
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
}
