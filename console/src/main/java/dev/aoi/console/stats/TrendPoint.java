package dev.aoi.console.stats;

import java.time.Instant;

/** Defects of one class in one hour or day (UTC): regions found and frames that had at least one. */
public record TrendPoint(Instant bucket, int classId, String className, long regions, long framesWithClass) {
}
