package dev.aoi.console.stats;

/** One class in the Pareto of a range: its regions, their share of all and the running share, largest first. */
public record ParetoEntry(int classId, String className, long regions, long framesWithClass, long areaPixels,
        double share, double cumulativeShare) {
}
