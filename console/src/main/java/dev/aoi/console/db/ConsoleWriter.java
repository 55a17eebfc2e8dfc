package dev.aoi.console.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.aoi.common.DatabaseUrl;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The console's own small writing pool, for its own tables only ({@code users}, {@code region_reviews} and their
 * history): the same login user as the read pool, which is a member of {@code aoi_console} — the database grants
 * it DML on those tables and nothing on the pipeline's. Kept apart from the read-only pool so that every list and
 * stats query still runs in a read-only session. Not a {@code DataSource} bean, so Boot's single-pool wiring stays.
 */
public final class ConsoleWriter implements AutoCloseable {

    private final HikariDataSource pool;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    private ConsoleWriter(HikariDataSource pool) {
        this.pool = pool;
        this.jdbc = JdbcClient.create(pool);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(pool));
    }

    /** A pool of {@code size} connections as {@code user}; fails when user or password is missing. */
    public static ConsoleWriter create(String databaseUrl, String user, String password, int size,
            Duration connectionTimeout, Duration statementTimeout) {
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalStateException("AOI_CONSOLE_DB_USER and AOI_CONSOLE_DB_PASSWORD must be set: the console"
                    + " logs in as its own user, a member of aoi_console (docs/security.md); there is no default");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("console-writer");
        String jdbc = DatabaseUrl.parse(databaseUrl).jdbcUrl();
        jdbc += (jdbc.contains("?") ? "&" : "?") + "ApplicationName=aoi-console-writer"
                + "&options=-c%20statement_timeout%3D" + statementTimeout.toMillis();
        config.setJdbcUrl(jdbc);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setInitializationFailTimeout(-1);
        return new ConsoleWriter(new HikariDataSource(config));
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** Runs several statements as one transaction on this pool. */
    public TransactionTemplate transaction() {
        return transaction;
    }

    @Override
    public void close() {
        pool.close();
    }
}
