package dev.aoi.common.kafka;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * What the two replay commands share: their time arguments, Ctrl-C handling and ETA. Their options are
 * {@link dev.aoi.common.cli.ReplayOptions}.
 */
public final class ReplayCommands {

    private ReplayCommands() {
    }

    /** An ISO-8601 instant with offset ({@code 2026-11-01T06:00:00Z}) or a date (its midnight, UTC). */
    public static Instant parseTime(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date or ISO-8601 instant: " + text);
        }
    }

    /** The value after {@code option}, at {@code args[i]}; for the parsers not yet on picocli. */
    public static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** "12 s", or "?" before the rate is known. */
    public static String eta(long remaining, double perSecond) {
        return perSecond > 0 ? Math.round(remaining / perSecond) + " s" : "?";
    }

    /** The installed hook; {@link #close()} removes it. */
    public interface StopOnShutdown extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * On Ctrl-C or SIGTERM, asks the replay to stop and gives the calling thread up to 30 s to commit what it did,
     * so that the same command resumes; closing removes the hook.
     */
    public static StopOnShutdown stopOnShutdown(Runnable requestStop) {
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            requestStop.run();
            try {
                main.join(30_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "aoi-replay-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down: the hook is running
            }
        };
    }
}
