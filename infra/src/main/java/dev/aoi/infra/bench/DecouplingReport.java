package dev.aoi.infra.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Delay off and on side by side: the table printed to the terminal and the {@code --json} file. */
record DecouplingReport(DecouplingSettings settings, ConditionResult baseline, ConditionResult delayed,
        List<Segment> segments, long[] resultMillis, long stored, double catchUpSeconds, long proxyTransactionEnds,
        int cores) {

    /**
     * The goal: the delay slows the workers by no more than this fraction. A speed-up is no miss (the persister's
     * larger batches can leave more of a shared machine to the workers); an unmeasurable change (no baseline) is.
     */
    static final double GOAL = 0.05;

    /** (delayed − baseline) / baseline of the workers' frames per second. */
    double throughputChange() {
        return baseline.workerFramesPerSecond() == 0 ? Double.NaN
                : (delayed.workerFramesPerSecond() - baseline.workerFramesPerSecond())
                        / baseline.workerFramesPerSecond();
    }

    /**
     * The change block by block: each complete ABBA block of four segments gives (B + B) / (A + A) − 1 of their
     * frames per second; the median of those. A check on the pooled figure that a burst of other load in one
     * segment cannot move much.
     */
    double blockMedianChange() {
        List<Double> changes = new java.util.ArrayList<>();
        for (int b = 0; b + 3 < segments.size(); b += 4) {
            double off = fps(segments.get(b)) + fps(segments.get(b + 3));
            double on = fps(segments.get(b + 1)) + fps(segments.get(b + 2));
            changes.add(on / off - 1);
        }
        if (changes.isEmpty()) {
            return Double.NaN;
        }
        java.util.Collections.sort(changes);
        int n = changes.size();
        return n % 2 == 1 ? changes.get(n / 2) : (changes.get(n / 2 - 1) + changes.get(n / 2)) / 2;
    }

    int blocks() {
        return segments.size() / 4;
    }

    private double fps(Segment s) {
        return s.results(resultMillis) / s.seconds();
    }

    boolean withinGoal() {
        return meetsGoal(throughputChange());
    }

    /** True when {@code change} ((delayed − baseline) / baseline) is no slowdown beyond {@link #GOAL}. */
    static boolean meetsGoal(double change) {
        return Double.isFinite(change) && change >= -GOAL;
    }

    boolean complete() {
        return stored == settings.frames();
    }

    String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("================ decoupling: database delay vs worker throughput ================\n");
        sb.append(String.format(Locale.ROOT, "%d frames of %dx%d, %d worker(s), 1 persister, %d cores; %d s segments,"
                + " delay off/on in ABBA order%n", settings.frames(), settings.frameSize(), settings.frameSize(),
                settings.workers(), cores, settings.segmentSeconds()));
        sb.append(String.format(Locale.ROOT, "%-36s %12s %12s%n", "", "baseline", "delayed"));
        row(sb, "delay per transaction (ms)", "%d", baseline.delayMs(), delayed.delayMs());
        row(sb, "segments (s)", "%s", baseline.segments() + " (" + Math.round(baseline.seconds()) + ")",
                delayed.segments() + " (" + Math.round(delayed.seconds()) + ")");
        row(sb, "worker throughput (frames/s)", "%.2f", baseline.workerFramesPerSecond(),
                delayed.workerFramesPerSecond());
        row(sb, "persister transactions", "%d", baseline.transactions(), delayed.transactions());
        row(sb, "  mean time (ms)", "%.1f", baseline.transactionMsMean(), delayed.transactionMsMean());
        row(sb, "batch size, mean (results)", "%.1f", baseline.batchSizeMean(), delayed.batchSizeMean());
        row(sb, "batch size, max (results)", "%d", baseline.batchSizeMax(), delayed.batchSizeMax());
        row(sb, "most results waiting to be stored", "%d", baseline.maxBacklog(), delayed.maxBacklog());
        row(sb, "cores busy: workers", "%.2f", baseline.workerCores(), delayed.workerCores());
        row(sb, "            persister", "%.2f", baseline.persisterCores(), delayed.persisterCores());
        row(sb, "            PostgreSQL", "%.2f", baseline.postgresCores(), delayed.postgresCores());
        row(sb, "worker CPU per frame (ms)", "%.1f", baseline.workerCpuMsPerFrame(), delayed.workerCpuMsPerFrame());
        sb.append(String.format(Locale.ROOT, "per segment (frames/s): %s%n", segments.stream()
                .map(s -> String.format(Locale.ROOT, "%s %.1f", s.delayed() ? "on" : "off",
                        fps(s)))
                .collect(Collectors.joining(", "))));
        sb.append(String.format(Locale.ROOT, "median change over the %d ABBA blocks: %+.1f %%%n", blocks(),
                100 * blockMedianChange()));
        sb.append(String.format(Locale.ROOT, "frames stored %d of %d; with the delay on, the persister had stored "
                + "them all %.2f s after the workers' last result%n", stored, settings.frames(), catchUpSeconds));
        sb.append(String.format(Locale.ROOT, "throughput change %+.1f %% — %s (goal: no slowdown beyond %.0f %%)%n",
                100 * throughputChange(), withinGoal() ? "meets the goal" : "MISSES the goal", 100 * GOAL));
        sb.append("=================================================================================");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String label, String format, Object a, Object b) {
        sb.append(String.format(Locale.ROOT, "%-36s %12s %12s%n", label, String.format(Locale.ROOT, format, a),
                String.format(Locale.ROOT, format, b)));
    }

    String toJson() {
        String perSegment = segments.stream()
                .map(s -> String.format(Locale.ROOT, "{\"delayed\": %b, \"seconds\": %s, \"results\": %d, "
                        + "\"worker_fps\": %s}", s.delayed(), number(s.seconds(), 2), s.results(resultMillis),
                        number(fps(s), 2)))
                .collect(Collectors.joining(",\n    ", "[\n    ", "\n  ]"));
        return String.format(Locale.ROOT, """
                {
                  "benchmark": "decoupling",
                  "frames": %d,
                  "frame_size": %d,
                  "workers": %d,
                  "delay_ms": %d,
                  "segment_s": %d,
                  "cores": %d,
                  "how": "%s",
                  "throughput_change": %s,
                  "meets_goal_no_slowdown_beyond_5_percent": %b,
                  "throughput_change_block_median": %s,
                  "abba_blocks": %d,
                  "baseline_worker_throughput_fps": %s,
                  "delayed_worker_throughput_fps": %s,
                  "batch_size_mean_ratio": %s,
                  "frames_stored": %d,
                  "complete": %b,
                  "catch_up_s": %s,
                  "proxy_transaction_ends": %d,
                  "baseline": %s,
                  "delayed": %s,
                  "segments": %s
                }
                """, settings.frames(), settings.frameSize(), settings.workers(), settings.delayMs(),
                settings.segmentSeconds(), cores,
                "one run, the same worker and persister JVMs throughout; frames published before the workers start; "
                        + "after the first tenth of the results, segments with the delay off and on in ABBA order, "
                        + "the segment in which the workers ran out of frames left out; worker throughput from the "
                        + "results topic's record timestamps; the persister reaches PostgreSQL through a proxy that "
                        + "holds back the end of each transaction (ReadyForQuery T->I) by delay_ms while the delay "
                        + "is on; catch_up_s is from the last result to all frames stored, with the delay on",
                number(throughputChange(), 4), withinGoal(), number(blockMedianChange(), 4), blocks(),
                number(baseline.workerFramesPerSecond(), 3),
                number(delayed.workerFramesPerSecond(), 3),
                number(baseline.batchSizeMean() == 0 ? Double.NaN : delayed.batchSizeMean() / baseline.batchSizeMean(),
                        2),
                stored, complete(), number(catchUpSeconds, 2), proxyTransactionEnds, baseline.toJson("  "),
                delayed.toJson("  "), perSegment);
    }

    /** A JSON number with {@code decimals} places, or {@code null} where there is none (NaN, infinite). */
    static String number(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "null";
    }
}
