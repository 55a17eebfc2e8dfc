package dev.aoi.console.security;

import dev.aoi.console.users.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The form login's and HTTP Basic's password check, behind the {@link LoginThrottle}: a throttled attempt is
 * refused before the hash is compared; every failure is logged with the user name and address — never with
 * the password — and every success records the user's last login (at most once a minute, as Basic clients
 * authenticate every request).
 */
public final class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ThrottledAuthenticationProvider.class);

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final UserStore users;
    private final Clock clock;

    public ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle, UserStore users,
            Clock clock) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String username = printable(attempt.getName());
        String address = address(attempt);
        Optional<Duration> blocked = throttle.blockedFor(attempt.getName(), address);
        if (blocked.isPresent()) {
            LOG.warn("login refused for user '{}' from {}: throttled for {} s more after repeated failures",
                    username, address, blocked.get().toSeconds());
            throw new LoginThrottledException(blocked.get());
        }
        Authentication result;
        try {
            result = passwords.authenticate(attempt);
        } catch (BadCredentialsException e) {
            int failures = throttle.failed(attempt.getName(), address);
            LOG.warn("login failed for user '{}' from {}: bad user name or password ({} failure(s) in a row)",
                    username, address, failures);
            throw e;
        } catch (AuthenticationException e) {
            LOG.warn("login refused for user '{}' from {}: {}", username, address, e.getMessage());
            throw e;
        }
        throttle.succeeded(attempt.getName());
        users.recordLogin(attempt.getName(), clock.instant());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String address(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : "?";
    }

    /** A user name as typed can hold anything: keep the log one line and short. */
    static String printable(String name) {
        if (name == null) {
            return "";
        }
        String clean = name.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
    }
}
