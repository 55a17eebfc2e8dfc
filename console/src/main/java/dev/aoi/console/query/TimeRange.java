package dev.aoi.console.query;

import java.time.Instant;

/** A capture-time range {@code [from, to)}; either end may be open (null). */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new BadFilterException("to", "to (" + to + ") must be after from (" + from + ")");
        }
    }

    /** Adds the range's conditions on {@code column} to {@code sql}. */
    public void addTo(SqlParts sql, String column) {
        if (from != null) {
            sql.where(column + " >= :from", "from", Timestamps.bind(from));
        }
        if (to != null) {
            sql.where(column + " < :to", "to", Timestamps.bind(to));
        }
    }
}
