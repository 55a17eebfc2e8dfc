package dev.aoi.worker.pipeline;

import java.time.Duration;

/** Exponential backoff between retries of a transient fault: initial, doubled each time, capped. */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The wait before the next retry; later calls wait longer until {@link #reset}. */
    Duration next() {
        Duration now = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return now;
    }

    void reset() {
        next = initial;
    }
}
