package dev.aoi.persister.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates or updates the services' login users (docs/security.md, "Database roles"): each a LOGIN role that is a
 * member of one of the group roles the migrations create ({@code aoi_persister}: DML on the pipeline's tables;
 * {@code aoi_reader}: SELECT) and nothing else: no superuser, no CREATEDB, no CREATEROLE, no DDL. Run by the
 * migrator, which needs CREATEROLE. Passwords come from the caller (the environment or secret files), never from
 * a default; statements are built by PostgreSQL's own {@code format()} with {@code %I}/{@code %L} quoting. Plain
 * JDBC: the {@code db} commands run without Spring (ArchitectureTest).
 */
public final class LoginUsers {

    /** Shortest password accepted: the logins are reachable wherever the database is. */
    public static final int MIN_PASSWORD_CHARS = 16;
    /** The group roles of V3 that a login may join. */
    public static final List<String> GROUPS = List.of("aoi_persister", "aoi_reader");

    /** One login: its name, the group it joins, its password. */
    public record Login(String user, String group, String password) {

        public Login {
            if (user == null || !user.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("login user name must be a lower-case SQL identifier, got " + user);
            }
            if (!GROUPS.contains(group)) {
                throw new IllegalArgumentException("group must be one of " + GROUPS + ", got " + group);
            }
            if (password == null || password.length() < MIN_PASSWORD_CHARS) {
                throw new IllegalArgumentException("the password of " + user + " must have at least "
                        + MIN_PASSWORD_CHARS + " characters");
            }
        }

        @Override
        public String toString() {
            return user + " (member of " + group + ")";
        }
    }

    private final DataSource dataSource;

    public LoginUsers(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the missing logins and sets the password and group of the existing ones; returns what it did. */
    public List<String> apply(List<Login> logins) {
        List<String> done = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (Login login : logins) {
                if (query(c, "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?)::text", login.user())
                        .equals("true")) {
                    execute(c, "SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', ?::text, ?::text)", login.user(),
                            login.password());
                    execute(c, "SELECT format('GRANT %I TO %I', ?::text, ?::text)", login.group(), login.user());
                    done.add("updated " + login);
                } else {
                    execute(c, "SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L"
                            + " IN ROLE %I', ?::text, ?::text, ?::text)", login.user(), login.password(), login.group());
                    done.add("created " + login);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("creating the database logins failed: " + e.getMessage(), e);
        }
        return done;
    }

    /** Runs the statement that {@code formatQuery} builds from {@code args} (quoted by PostgreSQL). */
    private static void execute(Connection c, String formatQuery, String... args) throws SQLException {
        String statement = query(c, formatQuery, args);
        try (Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private static String query(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
