package dev.aoi.persister.lifecycle;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persister's own lifecycle chores, on one background thread: partitions ahead at start and then every
 * {@code interval}; the rows in the default partitions as a gauge ({@code aoi_persister_default_partition_rows},
 * per table) with a warning while there are any; and the retention job (one persister at a time, its lock).
 * A failed chore is logged and tried again at the next tick; it never stops the consuming.
 */
public final class LifecycleScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LifecycleScheduler.class);

    private final Partitions partitions;
    private final RetentionJob retention;
    private final int monthsAhead;
    private final Map<String, AtomicLong> defaultRows = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aoi-lifecycle");
        t.setDaemon(true);
        return t;
    });

    public LifecycleScheduler(Partitions partitions, RetentionJob retention, int monthsAhead, MeterRegistry registry) {
        this.partitions = partitions;
        this.retention = retention;
        this.monthsAhead = monthsAhead;
        for (String table : Partitions.TABLES) {
            AtomicLong rows = new AtomicLong();
            defaultRows.put(table, rows);
            Gauge.builder("aoi.persister.default.partition.rows", rows, AtomicLong::get)
                    .description("rows in the table's default partition: capture times outside every month partition")
                    .tag("table", table).register(registry);
        }
    }

    /**
     * Partitions ahead now (the writer needs this month's), then the chores every {@code interval}; the retention
     * job first after {@code firstRetentionRun}, never when it is null.
     */
    public void start(Duration firstRetentionRun, Duration interval) {
        ensurePartitions();
        checkDefaultPartitions();
        executor.scheduleWithFixedDelay(this::ensurePartitions, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::checkDefaultPartitions, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        if (firstRetentionRun != null) {
            executor.scheduleWithFixedDelay(this::runRetention, firstRetentionRun.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    void ensurePartitions() {
        try {
            int created = partitions.ensureAhead(monthsAhead);
            if (created > 0) {
                log.info("created the partitions of {} month(s); {} month(s) ahead are there", created, monthsAhead);
            }
        } catch (RuntimeException e) {
            log.warn("could not create partitions ahead (next try at the next tick): {}", e.toString());
        }
    }

    void checkDefaultPartitions() {
        try {
            Map<String, Long> rows = partitions.defaultRows();
            rows.forEach((table, n) -> defaultRows.get(table).set(n));
            if (rows.values().stream().anyMatch(n -> n > 0)) {
                log.warn("the default partitions hold rows whose capture time has no month partition {}: a camera"
                        + " clock off, or months not created; './aoi db partitions --month YYYY-MM' creates a month"
                        + " and moves its rows there", rows);
            }
        } catch (RuntimeException e) {
            log.warn("could not count the default partitions' rows: {}", e.toString());
        }
    }

    void runRetention() {
        try {
            retention.run(false);
        } catch (RuntimeException e) {
            log.error("retention job failed (next try at the next tick): {}", e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
