package dev.aoi.console.stats;

/** A lot (an event attribute, {@code lot} by default) ranked by its defects. */
public record WorstLot(String lot, long frames, long framesWithDefect, long defects, double defectsPerFrame) {
}
