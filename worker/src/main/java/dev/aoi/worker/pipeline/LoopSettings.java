package dev.aoi.worker.pipeline;

import dev.aoi.worker.WorkerProperties;
import java.time.Duration;

/**
 * How the {@link InspectionLoop} runs. The record keeps the invariants the loop relies on; the service's values
 * come from {@link WorkerProperties} through {@link #of}.
 *
 * @param batchSize      most frames per inspector call
 * @param maxBuffered    fetched records waiting for the inspector before the partitions are paused
 * @param pollTimeout    longest single poll; also bounds how late the loop notices a finished batch
 * @param backoffInitial first wait after a transient fault (inspector exception or failed publish)
 * @param backoffMax     longest wait; the wait doubles up to it while faults repeat
 * @param transactions   exactly-once read-process-write with a transactional producer
 * @param closeTimeout   how long a stop waits for unacknowledged publishes before committing what it can
 * @param maxResultBytes a result whose JSON is larger is dead-lettered: the broker would refuse it forever
 */
public record LoopSettings(String imagesTopic, String resultsTopic, int batchSize, int maxBuffered,
        Duration pollTimeout, Duration backoffInitial, Duration backoffMax, boolean transactions,
        Duration closeTimeout, int maxResultBytes) {

    /** The loop's settings from the worker's (checked when those were bound), derived here and nowhere else. */
    static LoopSettings of(WorkerProperties worker, Duration closeTimeout) {
        return new LoopSettings(worker.imagesTopic(), worker.resultsTopic(), worker.batchSize(),
                worker.effectiveMaxBuffered(), worker.pollTimeout(), worker.retry().initial(), worker.retry().max(),
                worker.transactions().enabled(), closeTimeout, worker.maxResultBytes());
    }

    public LoopSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (maxBuffered < batchSize) {
            throw new IllegalArgumentException("max buffered records (" + maxBuffered
                    + ") must be at least the batch size (" + batchSize + ")");
        }
    }
}
