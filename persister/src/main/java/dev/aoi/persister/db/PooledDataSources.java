package dev.aoi.persister.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.aoi.common.DatabaseUrl;
import java.time.Duration;

/** Builds the HikariCP pool every database user of the persister shares. */
public final class PooledDataSources {

    private PooledDataSources() {
    }

    /**
     * A pool for {@code url} sized by {@code pool}. Batched inserts are rewritten to multi-row form; a connection
     * is waited for at most {@code connectionTimeout}, so that an outage surfaces quickly as a retryable fault.
     * The pool starts even when the database is down (it connects on first use).
     */
    public static HikariDataSource create(DatabaseUrl url, PoolSettings pool, String poolName, Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        String jdbc = url.jdbcUrl();
        jdbc = withDefault(jdbc, "reWriteBatchedInserts", "true");
        jdbc = withDefault(jdbc, "ApplicationName", poolName);
        // A cut connection must fail a statement, not hang it: the batch is then retried on a fresh one.
        jdbc = withDefault(jdbc, "connectTimeout", "10");
        jdbc = withDefault(jdbc, "socketTimeout", "300");
        jdbc = withDefault(jdbc, "tcpKeepAlive", "true");
        config.setJdbcUrl(jdbc);
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setMinimumIdle(pool.size());
        config.setMaximumPoolSize(pool.maximumPoolSize());
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    /** {@code jdbcUrl} with {@code name=value} added unless it already sets {@code name}. */
    static String withDefault(String jdbcUrl, String name, String value) {
        if (jdbcUrl.matches("(?s).*[?&]" + java.util.regex.Pattern.quote(name) + "=.*")) {
            return jdbcUrl;
        }
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + name + "=" + value;
    }
}
