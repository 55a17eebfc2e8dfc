package dev.aoi.console.users;

import java.util.Locale;

/** What a console user may do: viewers read, reviewers also record verdicts, admins also manage users. */
public enum Role {
    VIEWER, REVIEWER, ADMIN;

    /** The name stored in {@code users.role}, typed on the command line and written in the API's JSON. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Spring Security's authority for this role. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** {@code viewer}, {@code reviewer} or {@code admin}, in any case. */
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.dbName().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be viewer, reviewer or admin, got '" + text + "'");
    }
}
