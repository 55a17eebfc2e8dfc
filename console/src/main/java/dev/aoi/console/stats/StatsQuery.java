package dev.aoi.console.stats;

import dev.aoi.console.query.BadFilterException;
import dev.aoi.console.query.QueryParameters;
import dev.aoi.console.query.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** A statistics question: a closed capture-time range (default: the last 7 days) and optionally one camera. */
public record StatsQuery(TimeRange range, String cameraId) {

    /** The parameters every stats endpoint reads. */
    public static final Set<String> PARAMETERS = Set.of("from", "to", "camera_id");
    /** The longest range answered from the raw rows (longer ones belong to the daily rollups). */
    public static final Duration MAX_RANGE = Duration.ofDays(400);

    public StatsQuery {
        if (range.from() == null || range.to() == null) {
            throw new IllegalArgumentException("a stats range needs both ends");
        }
        if (Duration.between(range.from(), range.to()).compareTo(MAX_RANGE) > 0) {
            throw new BadFilterException("from", "the range from " + range.from() + " to " + range.to()
                    + " is longer than " + MAX_RANGE.toDays() + " days");
        }
    }

    /** From a request: {@code to} defaults to now, {@code from} to 7 days before {@code to}. */
    public static StatsQuery from(QueryParameters p, Clock clock) {
        TimeRange asked = p.range();
        Instant to = asked.to() != null ? asked.to() : clock.instant();
        Instant from = asked.from() != null ? asked.from() : to.minus(Duration.ofDays(7));
        return new StatsQuery(new TimeRange(from, to), p.string("camera_id"));
    }
}
