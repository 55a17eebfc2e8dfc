package dev.aoi.console.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A login refused without checking the password, because of too many recent failures. */
public final class LoginThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super("too many failed logins; try again in " + Math.max(1, retryAfter.toSeconds()) + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
