package dev.aoi.console.users;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first admin, with no default password: created at start from {@code AOI_CONSOLE_ADMIN_PASSWORD} only while
 * there is no user at all; otherwise the start says how to create one. Once a user exists the variable is
 * ignored (and can be removed from the environment).
 */
public final class FirstAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);

    private FirstAdmin() {
    }

    /** {@link #ensure}, and a log line instead of a failed start when the database cannot be reached yet. */
    public static void ensureWhenReachable(UserStore users, String username, String password) {
        try {
            ensure(users, username, password);
        } catch (org.springframework.dao.DataAccessException e) {
            // the console starts without its database (readiness says so); the check runs at the next start
            LOG.warn("could not look for the first admin: {}", e.getMostSpecificCause().getMessage());
        }
    }

    /** Creates the first admin when the table is empty and a password is given; returns whether it did. */
    public static boolean ensure(UserStore users, String username, String password) {
        if (users.any()) {
            return false;
        }
        if (password == null || password.isEmpty()) {
            LOG.warn("the console has no users yet, so nobody can log in: create the first admin with"
                    + " './aoi users add NAME --role admin' or start once with AOI_CONSOLE_ADMIN_PASSWORD set");
            return false;
        }
        users.add(username, Role.ADMIN, password);
        LOG.info("created the first admin '{}' from AOI_CONSOLE_ADMIN_PASSWORD (ignored from now on)", username);
        return true;
    }
}
