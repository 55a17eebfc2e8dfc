package dev.aoi.infra.bench;

/**
 * A stretch of the run with the database delay either on or off: when it began and ended (wall clock, as the
 * record timestamps are), and the persister's metrics and the processes' CPU at both ends.
 */
record Segment(int index, boolean delayed, long startMillis, long endMillis, PrometheusScrape metricsAtStart,
        PrometheusScrape metricsAtEnd, CpuUse cpuAtStart, CpuUse cpuAtEnd, long maxBacklog) {

    /** ABBA order (off, on, on, off, off, on, …): a steady drift of the machine's speed favours neither. */
    static boolean delayedAt(int index) {
        return ((index + 1) / 2) % 2 == 1;
    }

    /** Change of a counter of the persister over this segment. */
    double delta(String sample) {
        return metricsAtEnd.value(sample) - metricsAtStart.value(sample);
    }

    double seconds() {
        return (endMillis - startMillis) / 1000.0;
    }

    /** Results whose timestamps fall in this segment. */
    long results(long[] sortedMillis) {
        long n = 0;
        for (long t : sortedMillis) {
            if (t >= startMillis && t < endMillis) {
                n++;
            }
        }
        return n;
    }
}
