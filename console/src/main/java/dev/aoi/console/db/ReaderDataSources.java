package dev.aoi.console.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.aoi.common.DatabaseUrl;
import java.time.Duration;

/**
 * The console's pool: a login user that is a member of the read-only group role {@code aoi_reader}, never the
 * owner. Credentials in {@code DATABASE_URL} are ignored (that URL is the migrator's or persister's); connections
 * are read-only sessions with a statement timeout, so even a mistake in the console cannot write or hang.
 */
public final class ReaderDataSources {

    private ReaderDataSources() {
    }

    public static HikariDataSource create(String databaseUrl, String user, String password, int poolSize,
            Duration connectionTimeout, Duration statementTimeout) {
        if (user == null || user.isBlank()) {
            throw new IllegalStateException("AOI_CONSOLE_DB_USER is not set: the console logs in as its own"
                    + " read-only user, a member of aoi_reader (docs/console.md shows how to create one)");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException("AOI_CONSOLE_DB_PASSWORD is not set: there is no default password"
                    + " for the console's database user " + user);
        }
        DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
        HikariConfig config = new HikariConfig();
        config.setPoolName("console");
        String jdbc = url.jdbcUrl();
        jdbc += (jdbc.contains("?") ? "&" : "?") + "ApplicationName=aoi-console&readOnly=true&readOnlyMode=always"
                + "&options=-c%20statement_timeout%3D" + statementTimeout.toMillis();
        config.setJdbcUrl(jdbc);
        config.setUsername(user);
        config.setPassword(password);
        config.setReadOnly(true);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
