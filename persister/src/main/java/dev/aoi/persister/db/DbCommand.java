package dev.aoi.persister.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.aoi.common.DatabaseUrl;
import java.time.Duration;

/** {@code db migrate | info | downgrade --to V}: schema maintenance against {@code DATABASE_URL}, without Spring. */
public final class DbCommand {

    /** Where the CLI looks when DATABASE_URL is not set: the local stack's default. */
    public static final String DEFAULT_URL = "postgresql://postgres@127.0.0.1:15432/aoi";

    private DbCommand() {
    }

    /** Runs the subcommand; returns the exit code. Flyway holds two connections at once (lock and work). */
    public static int run(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: db migrate | db info | db downgrade --to VERSION | db users [--help]");
            return 2;
        }
        if (args[0].equals("users")) {
            return DbUsersCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        String env = DbUsersCommand.secret("DATABASE_URL"); // the environment, else the secret file
        DatabaseUrl url = DatabaseUrl.parse(env == null || env.isBlank() ? DEFAULT_URL : env);
        try (HikariDataSource ds = PooledDataSources.create(url, new PoolSettings(1, 2), "persister-db",
                Duration.ofSeconds(10))) {
            DatabaseMigrations migrations = new DatabaseMigrations(ds);
            switch (args[0]) {
                case "migrate" -> {
                    int ran = migrations.migrate();
                    System.out.println("database " + url.jdbcUrl() + ": " + ran + " migration(s) applied, schema version "
                            + migrations.currentVersion());
                }
                case "info" -> migrations.describe().forEach(System.out::println);
                case "downgrade" -> {
                    if (args.length != 3 || !args[1].equals("--to")) {
                        System.err.println("usage: db downgrade --to VERSION   (0 removes the schema and all data)");
                        return 2;
                    }
                    int undone = migrations.downgradeTo(args[2]);
                    System.out.println("database " + url.jdbcUrl() + ": " + undone + " migration(s) undone, schema version "
                            + migrations.currentVersion());
                }
                default -> {
                    System.err.println("unknown db command '" + args[0] + "': use migrate, info or downgrade --to VERSION");
                    return 2;
                }
            }
        }
        return 0;
    }
}
