package dev.aoi.infra.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One condition (delay off or on) over all of its segments: how fast the workers emitted results and how the
 * persister kept up.
 *
 * @param workerFramesPerSecond results emitted per second over the condition's segments (record timestamps)
 * @param transactions          transactions the persister timed ({@code aoi.persister.transaction})
 * @param batchSizeMean         results per poll batch, mean ({@code aoi.persister.batch.size})
 * @param batchSizeMax          most images stored by one transaction (rows sharing one {@code created_at},
 *                              which is the transaction's start)
 * @param maxBacklog            most results emitted but not yet stored at any poll of the bench
 * @param workerCores           CPU seconds per second the workers used; likewise the persister and PostgreSQL
 */
record ConditionResult(long delayMs, int segments, double seconds, long results, double workerFramesPerSecond,
        long transactions, double batchSizeMean, long batchSizeMax, double transactionMsMean, long maxBacklog,
        double workerCores, double persisterCores, double postgresCores) {

    static final String BATCH_COUNT = "aoi_persister_batch_size_records_count";
    static final String BATCH_SUM = "aoi_persister_batch_size_records_sum";
    static final String TRANSACTION_COUNT = "aoi_persister_transaction_seconds_count";
    static final String TRANSACTION_SUM = "aoi_persister_transaction_seconds_sum";

    /** Sums the segments of one condition; {@code largestBatch} maps a segment's index to its largest batch. */
    static ConditionResult of(long delayMs, List<Segment> segments, long[] resultMillis,
            Map<Integer, Long> largestBatch) {
        double seconds = 0;
        long results = 0;
        double batches = 0;
        double batchRecords = 0;
        double transactions = 0;
        double transactionSeconds = 0;
        long maxBacklog = 0;
        long maxBatch = 0;
        double worker = 0;
        double persister = 0;
        double postgres = 0;
        for (Segment s : segments) {
            seconds += s.seconds();
            results += s.results(resultMillis);
            batches += s.delta(BATCH_COUNT);
            batchRecords += s.delta(BATCH_SUM);
            transactions += s.delta(TRANSACTION_COUNT);
            transactionSeconds += s.delta(TRANSACTION_SUM);
            maxBacklog = Math.max(maxBacklog, s.maxBacklog());
            maxBatch = Math.max(maxBatch, largestBatch.getOrDefault(s.index(), 0L));
            worker += s.cpuAtEnd().workers() - s.cpuAtStart().workers();
            persister += s.cpuAtEnd().persister() - s.cpuAtStart().persister();
            postgres += s.cpuAtEnd().postgres() - s.cpuAtStart().postgres();
        }
        return new ConditionResult(delayMs, segments.size(), seconds, results, seconds == 0 ? 0 : results / seconds,
                (long) transactions, batches == 0 ? 0 : batchRecords / batches, maxBatch,
                transactions == 0 ? 0 : 1000 * transactionSeconds / transactions, maxBacklog,
                worker / seconds, persister / seconds, postgres / seconds);
    }

    /** The workers' CPU time per result: their own work per frame, whatever share of the machine they got. */
    double workerCpuMsPerFrame() {
        return results == 0 ? Double.NaN : 1000 * workerCores * seconds / results;
    }

    String toJson(String indent) {
        return String.format(Locale.ROOT, """
                {
                %1$s  "delay_ms": %2$d,
                %1$s  "segments": %3$d,
                %1$s  "seconds": %4$s,
                %1$s  "results": %5$d,
                %1$s  "worker_throughput_fps": %6$s,
                %1$s  "persister_transactions": %7$d,
                %1$s  "batch_size_mean": %8$s,
                %1$s  "batch_size_max": %9$d,
                %1$s  "transaction_ms_mean": %10$s,
                %1$s  "max_backlog_frames": %11$d,
                %1$s  "cores_busy": {"workers": %12$s, "persister": %13$s, "postgres": %14$s},
                %1$s  "worker_cpu_ms_per_frame": %15$s
                %1$s}""", indent, delayMs, segments, DecouplingReport.number(seconds, 1), results,
                DecouplingReport.number(workerFramesPerSecond, 3), transactions,
                DecouplingReport.number(batchSizeMean, 2), batchSizeMax, DecouplingReport.number(transactionMsMean, 1),
                maxBacklog, DecouplingReport.number(workerCores, 2), DecouplingReport.number(persisterCores, 2),
                DecouplingReport.number(postgresCores, 2), DecouplingReport.number(workerCpuMsPerFrame(), 1));
    }
}
