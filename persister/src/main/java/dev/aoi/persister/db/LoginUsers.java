package dev.aoi.persister.db;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Creates or updates the services' login users (docs/security.md, "Database roles"): each a LOGIN role that is a
 * member of one of the group roles the migrations create ({@code aoi_persister}: DML on the pipeline's tables;
 * {@code aoi_reader}: SELECT) and nothing else: no superuser, no CREATEDB, no CREATEROLE, no DDL. Run by the
 * migrator, which needs CREATEROLE. Passwords come from the caller (the environment or secret files), never from
 * a default; statements are built by PostgreSQL's own {@code format()} with {@code %I}/{@code %L} quoting.
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

    private final JdbcTemplate jdbc;

    public LoginUsers(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Creates the missing logins and sets the password and group of the existing ones; returns what it did. */
    public List<String> apply(List<Login> logins) {
        List<String> done = new ArrayList<>();
        for (Login login : logins) {
            boolean exists = Boolean.TRUE.equals(jdbc.queryForObject(
                    "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?)", Boolean.class, login.user()));
            if (exists) {
                execute("SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', ?::text, ?::text)", login.user(),
                        login.password());
                execute("SELECT format('GRANT %I TO %I', ?::text, ?::text)", login.group(), login.user());
                done.add("updated " + login);
            } else {
                execute("SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L IN ROLE %I',"
                        + " ?::text, ?::text, ?::text)", login.user(), login.password(), login.group());
                done.add("created " + login);
            }
        }
        return done;
    }

    /** Runs the statement that {@code formatQuery} builds from {@code args} (quoted by PostgreSQL). */
    private void execute(String formatQuery, Object... args) {
        String statement = jdbc.queryForObject(formatQuery, String.class, args);
        jdbc.execute(statement);
    }
}
