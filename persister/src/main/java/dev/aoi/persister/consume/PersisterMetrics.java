package dev.aoi.persister.consume;

import dev.aoi.common.DeadLetters;
import dev.aoi.persister.write.BatchOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** The persister's Micrometer meters: batch size, transaction time, rows written, results by fate, dead letters. */
public final class PersisterMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final Timer transaction;
    private final Timer captureToStored;
    private final Counter imageRows;
    private final Counter classRows;
    private final Counter regionRows;
    private final Counter stored;
    private final Counter unchanged;
    private final Counter superseded;

    public PersisterMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder("aoi.persister.batch.size")
                .description("records per poll batch").baseUnit("records").register(registry);
        this.transaction = Timer.builder("aoi.persister.transaction")
                .description("time to write and commit one batch").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        this.captureToStored = Timer.builder("aoi.persister.capture.to.stored")
                .description("from the frame's captured_at to its result committed here (replays included)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        this.imageRows = rows("images");
        this.classRows = rows("classes");
        this.regionRows = rows("regions");
        this.stored = results("stored");
        this.unchanged = results("unchanged");
        this.superseded = results("superseded");
    }

    void batch(int records) {
        batchSize.record(records);
    }

    void written(BatchOutcome outcome, long nanos) {
        transaction.record(nanos, TimeUnit.NANOSECONDS);
        imageRows.increment(outcome.imagesStored());
        classRows.increment(outcome.classRows());
        regionRows.increment(outcome.regionRows());
        stored.increment(outcome.imagesStored());
        unchanged.increment(outcome.unchanged());
        superseded.increment(outcome.superseded());
    }

    void stored(Instant capturedAt, Instant committedAt) {
        Duration latency = Duration.between(capturedAt, committedAt);
        if (!latency.isNegative()) {
            captureToStored.record(latency);
        }
    }

    void deadLetter(DeadLetters.Reason reason) {
        Counter.builder("aoi.persister.dead.letters").description("records sent to the dead-letter topic")
                .tag("reason", reason.name()).register(registry).increment();
    }

    void retry(String cause) {
        Counter.builder("aoi.persister.retries").description("batches retried after a transient fault")
                .tag("cause", cause).register(registry).increment();
    }

    private Counter rows(String table) {
        return Counter.builder("aoi.persister.rows.written").description("rows inserted or replaced")
                .tag("table", table).register(registry);
    }

    private Counter results(String fate) {
        return Counter.builder("aoi.persister.results").description("results by what became of them")
                .tag("outcome", fate).register(registry);
    }
}
