package dev.aoi.console.users;

import dev.aoi.console.query.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code users} table. Hashes go in and are compared by the login only ({@link #credentials}); every other
 * read returns {@link User}, which has no hash, so no endpoint can ever return one.
 */
public final class UserStore {

    private static final String COLUMNS = "id, username, role, created_at, last_login, disabled";
    private static final RowMapper<User> USER = UserStore::map;

    private final JdbcClient jdbc;

    public UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the login compares: the stored hash, the role and whether the user may log in. */
    public record Credentials(User user, String passwordHash) {
        @Override
        public String toString() {
            return "Credentials[" + user + ", hash withheld]";
        }
    }

    /** Creates a user; fails with a clear message when the name is taken. */
    public User add(String username, Role role, String rawPassword) {
        String hash = Passwords.hash(rawPassword);
        try {
            return jdbc.sql("INSERT INTO users (username, password_hash, role) VALUES (:name, :hash, :role)"
                            + " RETURNING " + COLUMNS)
                    .param("name", requireName(username)).param("hash", hash).param("role", role.dbName())
                    .query(USER).single();
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("user '" + username + "' exists already");
        }
    }

    public Optional<User> find(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE username = :name").param("name", username)
                .query(USER).optional();
    }

    public Optional<User> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id").param("id", id).query(USER).optional();
    }

    /** For the login only. */
    public Optional<Credentials> credentials(String username) {
        return jdbc.sql("SELECT " + COLUMNS + ", password_hash FROM users WHERE username = :name")
                .param("name", username)
                .query((rs, n) -> new Credentials(map(rs, n), rs.getString("password_hash"))).optional();
    }

    /** Every user by name. */
    public List<User> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users ORDER BY username").query(USER).list();
    }

    public boolean any() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users)").query(Boolean.class).single();
    }

    public void changePassword(String username, String rawPassword) {
        String hash = Passwords.hash(rawPassword);
        requireOne(jdbc.sql("UPDATE users SET password_hash = :hash WHERE username = :name")
                .param("hash", hash).param("name", username).update(), username);
    }

    public void setDisabled(String username, boolean disabled) {
        if (disabled) {
            requireAnotherActiveAdmin(username);
        }
        requireOne(jdbc.sql("UPDATE users SET disabled = :disabled WHERE username = :name")
                .param("disabled", disabled).param("name", username).update(), username);
    }

    public void setRole(String username, Role role) {
        if (role != Role.ADMIN) {
            requireAnotherActiveAdmin(username);
        }
        requireOne(jdbc.sql("UPDATE users SET role = :role WHERE username = :name")
                .param("role", role.dbName()).param("name", username).update(), username);
    }

    public void recordLogin(String username, Instant at) {
        jdbc.sql("UPDATE users SET last_login = :at WHERE username = :name")
                .param("at", Timestamps.bind(at)).param("name", username).update();
    }

    /** Nobody may lock the console out of its last admin. */
    private void requireAnotherActiveAdmin(String username) {
        long others = jdbc.sql("SELECT count(*) FROM users WHERE role = 'admin' AND NOT disabled AND username <> :name")
                .param("name", username).query(Long.class).single();
        boolean isAdmin = find(username).map(u -> u.role() == Role.ADMIN && !u.disabled()).orElse(false);
        if (isAdmin && others == 0) {
            throw new IllegalArgumentException("'" + username + "' is the last active admin; make another admin first");
        }
    }

    private static void requireOne(int updated, String username) {
        if (updated != 1) {
            throw new IllegalArgumentException("no user '" + username + "'");
        }
    }

    static String requireName(String username) {
        if (username == null || !username.matches("[A-Za-z0-9._@-]{1,100}")) {
            throw new IllegalArgumentException("a user name is 1..100 characters of A-Z a-z 0-9 . _ @ -, got '"
                    + username + "'");
        }
        return username;
    }

    private static User map(ResultSet rs, int n) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("username"), Role.parse(rs.getString("role")),
                Timestamps.read(rs, "created_at"), Timestamps.read(rs, "last_login"), rs.getBoolean("disabled"));
    }
}
