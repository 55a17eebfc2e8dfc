package dev.aoi.console.users;

import java.time.Instant;

/** A console user as everyone but the login check sees it: never with its password hash. */
public record User(long id, String username, Role role, Instant createdAt, Instant lastLogin, boolean disabled) {
}
