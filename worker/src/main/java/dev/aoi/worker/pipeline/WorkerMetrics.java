package dev.aoi.worker.pipeline;

import dev.aoi.common.DeadLetters.Reason;
import dev.aoi.worker.inspect.StageTimer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The worker's meters (exported by the actuator's Prometheus endpoint as {@code aoi_worker_*}). */
public final class WorkerMetrics implements StageTimer {

    private final Counter framesIn;
    private final Counter framesOut;
    private final Map<Reason, Counter> deadLetters = new EnumMap<>(Reason.class);
    private final DistributionSummary batchSize;
    private final Timer inspectTime;
    private final Counter inspectRetries;
    private final Counter publishFailures;
    private final Map<Stage, Timer> stages = new EnumMap<>(Stage.class);
    private final AtomicLong lag = new AtomicLong();

    public WorkerMetrics(MeterRegistry registry) {
        framesIn = Counter.builder("aoi.worker.frames.in")
                .description("ImageRef records read from the input topic (re-deliveries included)")
                .register(registry);
        framesOut = Counter.builder("aoi.worker.frames.out")
                .description("InspectionResults acknowledged by the broker")
                .register(registry);
        for (Reason reason : Reason.values()) {
            deadLetters.put(reason, Counter.builder("aoi.worker.dead.letters")
                    .description("Input records dead-lettered, by reason (acknowledged by the broker)")
                    .tag("reason", reason.name())
                    .register(registry));
        }
        batchSize = DistributionSummary.builder("aoi.worker.batch.size")
                .description("Frames per call of the inspector")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(256.0)
                .register(registry);
        inspectTime = Timer.builder("aoi.worker.inspect.time")
                .description("Wall time of one inspector call (a whole batch)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        inspectRetries = Counter.builder("aoi.worker.inspect.retries")
                .description("Batches retried after a transient inspector fault")
                .register(registry);
        publishFailures = Counter.builder("aoi.worker.publish.failures")
                .description("Publishes the broker did not acknowledge; their input is read and processed again")
                .register(registry);
        Gauge.builder("aoi.worker.consumer.lag", lag, AtomicLong::get)
                .description("Input records behind this worker's position on its assigned partitions")
                .baseUnit("records")
                .register(registry);
        for (Stage stage : Stage.values()) {
            stages.put(stage, Timer.builder("aoi.worker.stage.time")
                    .description("Time of one stage: decode, measure and render per frame, inference per batch")
                    .tag("stage", stage.name().toLowerCase(Locale.ROOT))
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(60))
                    .register(registry));
        }
    }

    @Override
    public void record(Stage stage, long nanos) {
        stages.get(stage).record(Duration.ofNanos(nanos));
    }

    void lag(long records) {
        lag.set(records);
    }

    void frameIn() {
        framesIn.increment();
    }

    void frameOut() {
        framesOut.increment();
    }

    void deadLetter(Reason reason) {
        deadLetters.get(reason).increment();
    }

    void batch(int frames, long nanos) {
        batchSize.record(frames);
        inspectTime.record(Duration.ofNanos(nanos));
    }

    void inspectRetry() {
        inspectRetries.increment();
    }

    void publishFailure() {
        publishFailures.increment();
    }
}
