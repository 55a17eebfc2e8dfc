package dev.aoi.infra.bench;

import java.util.Locale;

/** The two phases side by side: the table printed to the terminal and the {@code --json} file. */
record DecouplingReport(DecouplingSettings settings, PhaseResult baseline, PhaseResult delayed, int cores) {

    /** The goal of issue 6: the workers' throughput moves by less than this fraction under the delay. */
    static final double GOAL = 0.05;

    /** (delayed − baseline) / baseline of the workers' frames per second. */
    double throughputChange() {
        return baseline.workerFramesPerSecond() == 0 ? Double.NaN
                : (delayed.workerFramesPerSecond() - baseline.workerFramesPerSecond())
                        / baseline.workerFramesPerSecond();
    }

    boolean withinGoal() {
        return Math.abs(throughputChange()) < GOAL;
    }

    boolean complete() {
        return baseline.complete() && delayed.complete();
    }

    String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("================ decoupling: database delay vs worker throughput ================\n");
        sb.append(String.format(Locale.ROOT, "%d frames of %dx%d, %d worker(s), 1 persister, %d cores%n",
                settings.frames(), settings.frameSize(), settings.frameSize(), settings.workers(), cores));
        sb.append(String.format(Locale.ROOT, "%-34s %14s %14s%n", "", "baseline", "delayed"));
        row(sb, "delay per transaction (ms)", "%d", baseline.delayMs(), delayed.delayMs());
        row(sb, "frames stored", "%d", baseline.stored(), delayed.stored());
        row(sb, "worker throughput (frames/s)", "%.2f", baseline.workerFramesPerSecond(),
                delayed.workerFramesPerSecond());
        row(sb, "  steady window (s)", "%.1f", baseline.steadySeconds(), delayed.steadySeconds());
        row(sb, "persister transactions", "%d", baseline.transactions(), delayed.transactions());
        row(sb, "  ends seen by the proxy", "%d", baseline.proxyTransactionEnds(), delayed.proxyTransactionEnds());
        row(sb, "  mean time (ms)", "%.1f", baseline.transactionMsMean(), delayed.transactionMsMean());
        row(sb, "batch size, mean (results)", "%.1f", baseline.batchSizeMean(), delayed.batchSizeMean());
        row(sb, "batch size, max (results)", "%.0f", baseline.batchSizeMax(), delayed.batchSizeMax());
        row(sb, "most results waiting to be stored", "%d", baseline.maxBacklog(), delayed.maxBacklog());
        row(sb, "catch-up after last result (s)", "%.2f", baseline.catchUpSeconds(), delayed.catchUpSeconds());
        sb.append("cores busy while the workers ran\n");
        row(sb, "  workers", "%.2f", cores(baseline).workers(), cores(delayed).workers());
        row(sb, "  persister", "%.2f", cores(baseline).persister(), cores(delayed).persister());
        row(sb, "  PostgreSQL", "%.2f", cores(baseline).postgres(), cores(delayed).postgres());
        sb.append(String.format(Locale.ROOT, "throughput change %+.1f %% — %s (goal: less than %.0f %%)%n",
                100 * throughputChange(), withinGoal() ? "within the goal" : "MISSES the goal", 100 * GOAL));
        sb.append("=================================================================================");
        return sb.toString();
    }

    private static CpuUse cores(PhaseResult phase) {
        return phase.steadyCores() != null ? phase.steadyCores() : new CpuUse(0, Double.NaN, Double.NaN, Double.NaN);
    }

    private static void row(StringBuilder sb, String label, String format, Object a, Object b) {
        sb.append(String.format(Locale.ROOT, "%-34s %14s %14s%n", label, String.format(Locale.ROOT, format, a),
                String.format(Locale.ROOT, format, b)));
    }

    String toJson() {
        return String.format(Locale.ROOT, """
                {
                  "benchmark": "decoupling",
                  "frames": %d,
                  "frame_size": %d,
                  "workers": %d,
                  "delay_ms": %d,
                  "cores": %d,
                  "how": "%s",
                  "throughput_change": %s,
                  "within_5_percent": %b,
                  "baseline_worker_throughput_fps": %s,
                  "delayed_worker_throughput_fps": %s,
                  "batch_size_mean_ratio": %s,
                  "complete": %b,
                  "baseline": %s,
                  "delayed": %s
                }
                """, settings.frames(), settings.frameSize(), settings.workers(), settings.delayMs(), cores,
                "two phases in one run on one local stack (fresh topics, database and groups each); frames published "
                        + "before the workers start; worker throughput from results-topic timestamps after the "
                        + "first tenth; the persister reaches PostgreSQL through a proxy that holds back the end "
                        + "of each transaction (ReadyForQuery T->I) by delay_ms in the delayed phase, 0 in the "
                        + "baseline",
                number(throughputChange(), 4), withinGoal(), number(baseline.workerFramesPerSecond(), 3),
                number(delayed.workerFramesPerSecond(), 3),
                number(baseline.batchSizeMean() == 0 ? Double.NaN : delayed.batchSizeMean() / baseline.batchSizeMean(), 2),
                complete(), baseline.toJson("  "), delayed.toJson("  "));
    }

    /** A JSON number with {@code decimals} places, or {@code null} where there is none (NaN, infinite). */
    static String number(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "null";
    }
}
