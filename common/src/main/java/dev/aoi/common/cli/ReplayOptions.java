package dev.aoi.common.cli;

import dev.aoi.common.kafka.ReplayCommands;
import java.time.Instant;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The time range and dry-run switch both replay commands take. */
public final class ReplayOptions {

    @Option(names = "--from", required = true, paramLabel = "T1", converter = TimeConverter.class,
            description = "first capture time (or record time) to replay: an ISO-8601 instant such as "
                    + "2026-11-01T06:00:00Z, or a date meaning its midnight UTC")
    private Instant from;

    @Option(names = "--to", paramLabel = "T2", converter = TimeConverter.class,
            description = "replay up to, not including, this time (default: up to now)")
    private Instant to;

    @Option(names = "--dry-run", description = "count what would be replayed; change nothing")
    private boolean dryRun;

    public Instant from() {
        return from;
    }

    /** The end of the range, or null for "up to now". */
    public Instant to() {
        return to;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** Reads {@link ReplayCommands#parseTime}'s forms. */
    public static final class TimeConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return ReplayCommands.parseTime(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
