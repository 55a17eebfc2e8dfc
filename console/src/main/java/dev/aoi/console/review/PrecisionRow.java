package dev.aoi.console.review;

/**
 * What the verdicts say about one model on one class ({@code classId} null: all its classes): regions reviewed,
 * confirmed (defect), false calls, unsure, and the measured precision confirmed / (confirmed + false calls) over
 * {@code decided} verdicts (null while none is decided).
 */
public record PrecisionRow(String modelSha256, Integer classId, String className, long reviewed, long confirmed,
        long falseCalls, long unsure, long decided, Double precision) {
}
