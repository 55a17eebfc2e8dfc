package dev.aoi.producer.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/** The producer's meters: frames published and rejected (by source and reason), and broker-ack latency. */
public final class PublishMetrics {

    public static final String PUBLISHED = "aoi.producer.frames.published";
    public static final String REJECTED = "aoi.producer.frames.rejected";
    public static final String LATENCY = "aoi.producer.publish.latency";

    private final MeterRegistry registry;

    public PublishMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters kept in memory only, for command-line tools and tests. */
    public static PublishMetrics inMemory() {
        return new PublishMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    void published(String source, Duration latency) {
        Counter.builder(PUBLISHED).description("ImageRefs acknowledged by the broker")
                .tag("source", source).register(registry).increment();
        Timer.builder(LATENCY).description("time from send to broker acknowledgement")
                .tag("source", source).register(registry).record(latency);
    }

    /** Counts a frame that was not published, with a short machine-readable reason such as {@code bad_field}. */
    public void rejected(String source, String reason) {
        Counter.builder(REJECTED).description("frames refused or failed before the broker acknowledged them")
                .tag("source", source).tag("reason", reason).register(registry).increment();
    }

    /** Published count of {@code source}, for tests and reports. */
    public double publishedCount(String source) {
        Counter c = registry.find(PUBLISHED).tag("source", source).counter();
        return c == null ? 0 : c.count();
    }

    public double rejectedCount(String source, String reason) {
        Counter c = registry.find(REJECTED).tag("source", source).tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }
}
