package dev.aoi.console.db;

import dev.aoi.common.DatabaseUrl;
import dev.aoi.common.cli.Endpoints;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The database of the console's commands ({@code ./aoi users}, {@code ./aoi export}): {@code DATABASE_URL} (the
 * local stack's when unset) as {@code AOI_CONSOLE_DB_USER}/{@code AOI_CONSOLE_DB_PASSWORD} when those are set,
 * else as the user in the URL (an operator's or the migrator's account).
 */
public final class CommandLineDatabase {

    /** Where the commands look when DATABASE_URL is not set: the local stack's default. */
    public static final String DEFAULT_URL = Endpoints.DATABASE_URL;

    private CommandLineDatabase() {
    }

    /** A connection-per-use data source (a command runs a handful of statements). */
    public static DataSource from(Map<String, String> env) {
        String raw = env.getOrDefault("DATABASE_URL", "");
        DatabaseUrl url = DatabaseUrl.parse(raw.isBlank() ? DEFAULT_URL : raw);
        String user = env.getOrDefault("AOI_CONSOLE_DB_USER", "");
        String password = env.getOrDefault("AOI_CONSOLE_DB_PASSWORD", "");
        DriverManagerDataSource ds = new DriverManagerDataSource(url.jdbcUrl());
        ds.setDriverClassName("org.postgresql.Driver");
        ds.setUsername(user.isBlank() ? url.user() : user);
        ds.setPassword(user.isBlank() ? url.password() : password);
        return ds;
    }
}
