package dev.aoi.console.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed logins within {@code window} for one user name, or
 * four times as many from one address (a review station's colleagues share it), further attempts are refused
 * without checking the password for {@code block}, doubled
 * for each further failure up to 15 minutes. A success clears the user name's count (not the address's, so one
 * known account cannot be used to reset a guesser's budget). Memory is bounded: old entries are dropped.
 */
public final class LoginThrottle {

    private static final Duration MAX_BLOCK = Duration.ofMinutes(15);
    private static final int MAX_ENTRIES = 10_000;
    private static final int ADDRESS_FACTOR = 4;

    private record Entry(int failures, Instant firstAt, Instant blockedUntil) {
    }

    private final int maxFailures;
    private final Duration window;
    private final Duration block;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Duration block, Clock clock) {
        if (maxFailures < 1 || window.isNegative() || block.isNegative()) {
            throw new IllegalArgumentException("login throttle: need max-failures >= 1 and positive durations");
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.block = block;
        this.clock = clock;
    }

    /** How long attempts for this user name or from this address are still refused; empty when they are not. */
    public Optional<Duration> blockedFor(String username, String address) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys(username, address)) {
            Entry e = entries.get(key);
            if (e != null && e.blockedUntil() != null && e.blockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, e.blockedUntil());
                longest = left.compareTo(longest) > 0 ? left : longest;
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    /** Counts a failed login; returns the failures counted for the user name within the window. */
    public int failed(String username, String address) {
        Instant now = clock.instant();
        if (entries.size() > MAX_ENTRIES) {
            entries.entrySet().removeIf(e -> expired(e.getValue(), now));
        }
        int count = 0;
        for (String key : keys(username, address)) {
            int limit = key.startsWith("u:") ? maxFailures : maxFailures * ADDRESS_FACTOR;
            Entry e = entries.compute(key, (k, old) -> next(old, now, limit));
            if (key.startsWith("u:")) {
                count = e.failures();
            }
        }
        return count;
    }

    /** A successful login clears the user name's failures. */
    public void succeeded(String username) {
        entries.remove("u:" + username);
    }

    private Entry next(Entry old, Instant now, int maxFailures) {
        Entry e = old == null || expired(old, now) ? new Entry(0, now, null) : old;
        int failures = e.failures() + 1;
        Instant until = e.blockedUntil();
        if (failures >= maxFailures) {
            long factor = 1L << Math.min(10, failures - maxFailures);
            Duration wait = block.multipliedBy(factor);
            until = now.plus(wait.compareTo(MAX_BLOCK) > 0 ? MAX_BLOCK : wait);
        }
        return new Entry(failures, e.firstAt(), until);
    }

    private boolean expired(Entry e, Instant now) {
        boolean windowOver = e.firstAt().plus(window).isBefore(now);
        boolean blockOver = e.blockedUntil() == null || !e.blockedUntil().isAfter(now);
        return windowOver && blockOver;
    }

    private static String[] keys(String username, String address) {
        return new String[] {"u:" + (username == null ? "" : username), "a:" + (address == null ? "?" : address)};
    }
}
