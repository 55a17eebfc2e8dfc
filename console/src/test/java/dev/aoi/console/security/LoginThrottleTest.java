package dev.aoi.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), Duration.ofSeconds(30), clock);

    @Test
    void theNthFailureBlocksTheUserNameForTheBlockThenDoublesIt() {
        throttle.failed("ann", "10.0.0.1");
        throttle.failed("ann", "10.0.0.1");
        assertThat(throttle.blockedFor("ann", "10.0.0.2")).isEmpty();
        throttle.failed("ann", "10.0.0.1");
        assertThat(throttle.blockedFor("ann", "10.0.0.2")).contains(Duration.ofSeconds(30));
        assertThat(throttle.blockedFor("bob", "10.0.0.2")).isEmpty();
        clock.advance(Duration.ofSeconds(31));
        assertThat(throttle.blockedFor("ann", "10.0.0.2")).isEmpty();
        throttle.failed("ann", "10.0.0.1");
        assertThat(throttle.blockedFor("ann", "10.0.0.2")).contains(Duration.ofSeconds(60));
    }

    @Test
    void anAddressGuessingManyNamesIsBlockedAtFourTimesTheLimit() {
        for (int n = 0; n < 11; n++) {
            throttle.failed("user" + n, "10.0.0.9");
        }
        assertThat(throttle.blockedFor("someone", "10.0.0.9")).isEmpty();
        throttle.failed("user11", "10.0.0.9");
        assertThat(throttle.blockedFor("someone", "10.0.0.9")).isPresent();
        assertThat(throttle.blockedFor("someone", "10.0.0.8")).isEmpty();
    }

    @Test
    void aSuccessClearsTheNameAndOldFailuresExpire() {
        throttle.failed("ann", "a");
        throttle.failed("ann", "a");
        throttle.succeeded("ann");
        throttle.failed("ann", "a");
        throttle.failed("ann", "a");
        assertThat(throttle.blockedFor("ann", "a")).isEmpty();
        clock.advance(Duration.ofMinutes(6));
        throttle.failed("ann", "a");
        assertThat(throttle.blockedFor("ann", "a")).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
