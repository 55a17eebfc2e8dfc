package dev.aoi.console.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.aoi.common.DatabaseUrl;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.infra.postgres.JdbcDatabase;
import dev.aoi.infra.testing.TestInfrastructure;
import dev.aoi.persister.db.DatabaseMigrations;
import dev.aoi.persister.db.PoolSettings;
import dev.aoi.persister.db.PooledDataSources;
import dev.aoi.persister.write.ResultBatchWriter;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A migrated database of its own on the shared test server, with the pipeline's writer (as the owner) and a
 * login user for the console that is a member of {@code aoi_console} only (aoi_reader's reads, DML on the
 * console's own tables), with a random password; console users ({@link #addUser}) with random passwords.
 */
public final class ConsoleTestDatabase implements AutoCloseable {

    private final JdbcDatabase owner;
    private final HikariDataSource ownerPool;
    private final String readerUser;
    private final String readerPassword;

    private ConsoleTestDatabase(JdbcDatabase owner) {
        this.owner = owner;
        this.ownerPool = PooledDataSources.create(new DatabaseUrl(owner.url(), owner.user(), owner.password()),
                new PoolSettings(1, 3), "console-test-owner", Duration.ofSeconds(10));
        new DatabaseMigrations(ownerPool).migrate();
        this.readerUser = TestInfrastructure.uniqueName("console_reader").toLowerCase(Locale.ROOT).replace('-', '_');
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        this.readerPassword = HexFormat.of().formatHex(secret);
        // the console's login is in aoi_console: aoi_reader's reads plus DML on its own tables (users, reviews)
        execute("CREATE ROLE " + readerUser + " LOGIN PASSWORD '" + readerPassword + "' IN ROLE aoi_console");
    }

    public static ConsoleTestDatabase create() {
        return new ConsoleTestDatabase(TestInfrastructure.shared().createDatabase("console"));
    }

    /** Adds a console user with {@code role} and a random password, and returns the password. */
    public String addUser(String username, dev.aoi.console.users.Role role) {
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        users().add(username, role, password);
        return password;
    }

    /** The users table, written as the owner. */
    public dev.aoi.console.users.UserStore users() {
        return new dev.aoi.console.users.UserStore(org.springframework.jdbc.core.simple.JdbcClient.create(ownerPool));
    }

    /** Stores {@code results} as the persister does. */
    public void write(List<InspectionResult> results) {
        new ResultBatchWriter(ownerPool).write(results);
    }

    /** Runs {@code sql} as the owner. */
    public void execute(String sql) {
        try (Connection c = ownerPool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JDBC URL without credentials. */
    /**
     * Points the console under test at this database as its read-only login, reading files under {@code fileRoot}
     * (null: none), with its management server on a free port.
     */
    public void register(org.springframework.test.context.DynamicPropertyRegistry registry, java.nio.file.Path fileRoot) {
        registry.add("aoi.console.database.url", this::url);
        registry.add("aoi.console.database.user", this::readerUser);
        registry.add("aoi.console.database.password", this::readerPassword);
        if (fileRoot != null) {
            registry.add("aoi.console.file-roots", fileRoot::toString);
        }
        registry.add("management.server.port", () -> "0");
    }

    public String url() {
        return owner.url();
    }

    public JdbcDatabase reader() {
        return new JdbcDatabase(owner.url(), readerUser, readerPassword);
    }

    public HikariDataSource ownerPool() {
        return ownerPool;
    }

    public String readerUser() {
        return readerUser;
    }

    public String readerPassword() {
        return readerPassword;
    }

    @Override
    public void close() {
        ownerPool.close();
    }
}
