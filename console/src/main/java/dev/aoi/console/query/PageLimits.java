package dev.aoi.console.query;

/** Items per page when the client names none, and the most it may ask for. */
public record PageLimits(int defaultLimit, int max) {
}
