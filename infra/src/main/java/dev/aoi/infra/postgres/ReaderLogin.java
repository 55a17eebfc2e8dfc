package dev.aoi.infra.postgres;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The console's login user for the local stack and the demo, a member of the group role {@code aoi_console}
 * ({@code aoi_reader}'s reads plus DML on the console's own tables: users and verdicts): created when missing,
 * given a fresh random password on every call. The group roles are created here too when the migrations have
 * not run yet; V3 and V15 grant them their privileges when they do.
 */
public final class ReaderLogin {

    private ReaderLogin() {
    }

    /** Ensures {@code login} exists as a member of aoi_console (so of aoi_reader) only; returns its new password. */
    public static String ensure(JdbcDatabase owner, String login) {
        if (!login.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain role name: " + login);
        }
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        try (Connection c = owner.connect(); Statement s = c.createStatement()) {
            if (!exists(c, "aoi_reader")) {
                s.execute("CREATE ROLE aoi_reader NOLOGIN");
            }
            if (!exists(c, "aoi_console")) {
                s.execute("CREATE ROLE aoi_console NOLOGIN IN ROLE aoi_reader");
            }
            if (!exists(c, login)) {
                s.execute("CREATE ROLE " + login + " LOGIN IN ROLE aoi_console");
            }
            // a login made by an older stack (aoi_reader only) joins aoi_console
            s.execute("GRANT aoi_console TO " + login);
            // the password is hex: nothing in it can end the literal
            s.execute("ALTER ROLE " + login + " LOGIN PASSWORD '" + password + "'");
            return password;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the read-only login " + login + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
