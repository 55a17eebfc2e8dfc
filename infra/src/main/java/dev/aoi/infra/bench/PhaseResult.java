package dev.aoi.infra.bench;

import java.util.Locale;

/**
 * One phase of the decoupling benchmark: how fast the workers emitted results and how the persister kept up.
 *
 * @param workerFramesPerSecond results emitted per second over the steady window (results topic timestamps)
 * @param steadySeconds         length of that window
 * @param transactions          transactions the persister timed ({@code aoi.persister.transaction})
 * @param proxyTransactionEnds  transaction ends the proxy saw (and held back by the delay, if any), start-up's
 *                              migrations included
 * @param batchSizeMean         results per poll batch, mean ({@code aoi.persister.batch.size})
 * @param batchSizeMax          the largest batch seen during the phase
 * @param catchUpSeconds        from the workers' last result to the last frame stored
 * @param maxBacklog            most results emitted but not yet stored at any poll of the bench
 * @param steadyCores           cores the workers, the persister and PostgreSQL kept busy while the workers ran
 *                              (after the first tenth); null if the bench missed that window
 */
record PhaseResult(String name, long delayMs, int frames, long stored, double workerFramesPerSecond,
        double steadySeconds, long transactions, long proxyTransactionEnds, double batchSizeMean, double batchSizeMax,
        double transactionMsMean, double catchUpSeconds, long maxBacklog, CpuUse steadyCores) {

    boolean complete() {
        return stored == frames;
    }

    String toJson(String indent) {
        return String.format(Locale.ROOT, """
                {
                %1$s  "delay_ms": %2$d,
                %1$s  "frames": %3$d,
                %1$s  "frames_stored": %4$d,
                %1$s  "worker_throughput_fps": %5$s,
                %1$s  "worker_steady_window_s": %6$s,
                %1$s  "persister_transactions": %7$d,
                %1$s  "proxy_transaction_ends": %8$d,
                %1$s  "batch_size_mean": %9$s,
                %1$s  "batch_size_max": %10$s,
                %1$s  "transaction_ms_mean": %11$s,
                %1$s  "catch_up_s": %12$s,
                %1$s  "max_backlog_frames": %13$d,
                %1$s  "cores_busy_while_workers_ran": {"workers": %14$s, "persister": %15$s, "postgres": %16$s}
                %1$s}""", indent, delayMs, frames, stored,
                DecouplingReport.number(workerFramesPerSecond, 3), DecouplingReport.number(steadySeconds, 2),
                transactions, proxyTransactionEnds, DecouplingReport.number(batchSizeMean, 2),
                DecouplingReport.number(batchSizeMax, 0), DecouplingReport.number(transactionMsMean, 1),
                DecouplingReport.number(catchUpSeconds, 2), maxBacklog,
                DecouplingReport.number(steadyCores == null ? Double.NaN : steadyCores.workers(), 2),
                DecouplingReport.number(steadyCores == null ? Double.NaN : steadyCores.persister(), 2),
                DecouplingReport.number(steadyCores == null ? Double.NaN : steadyCores.postgres(), 2));
    }
}
