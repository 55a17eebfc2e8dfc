package dev.aoi.console.users;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How passwords are stored: Spring Security's {@code DelegatingPasswordEncoder} (bcrypt today, the prefix in the
 * hash names the algorithm so a later default can verify old hashes), and what a new password must be.
 */
public final class Passwords {

    /** Shorter passwords are refused: the console may face a network, and bcrypt does not save a short one. */
    public static final int MIN_LENGTH = 10;
    /** bcrypt reads only the first 72 bytes; refuse more rather than silently ignore the rest. */
    public static final int MAX_BYTES = 72;

    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private Passwords() {
    }

    /** The one encoder of the console (login checks and new hashes). */
    public static PasswordEncoder encoder() {
        return ENCODER;
    }

    /** The stored form of {@code raw}, after checking it is acceptable. */
    public static String hash(String raw) {
        requireAcceptable(raw);
        return ENCODER.encode(raw);
    }

    /** Throws with a message a user can act on when {@code raw} cannot be a password. */
    public static void requireAcceptable(String raw) {
        if (raw == null || raw.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a password needs at least " + MIN_LENGTH + " characters");
        }
        if (raw.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("a password may have at most " + MAX_BYTES + " bytes (bcrypt's limit)");
        }
        if (raw.isBlank() || raw.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a password must not be blank or hold control characters");
        }
    }
}
