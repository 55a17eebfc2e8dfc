package dev.aoi.persister.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.aoi.common.DatabaseUrl;
import dev.aoi.common.cli.Endpoints;
import dev.aoi.persister.lifecycle.LifecycleCommands;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./aoi db ...}: schema and data lifecycle against {@code DATABASE_URL}, without Spring. Schema versions
 * here; partitions, policies and archives in {@link LifecycleCommands}.
 */
@Command(name = "./aoi db", mixinStandardHelpOptions = true,
        description = "The database: schema migrations, monthly partitions, retention policy and archives"
                + " (DATABASE_URL; default: the local stack's).",
        subcommands = {DbCommand.Migrate.class, DbCommand.Info.class, DbCommand.Downgrade.class,
                LifecycleCommands.PartitionsCommand.class, LifecycleCommands.PolicyCommand.class,
                LifecycleCommands.ArchiveCommand.class, DbUsersCommand.class})
public final class DbCommand implements Callable<Integer> {

    /** Where the CLI looks when DATABASE_URL is not set: the local stack's default. */
    public static final String DEFAULT_URL = Endpoints.DATABASE_URL;

    @Override
    public Integer call() {
        CommandLine.usage(this, System.err);
        return 2;
    }

    /** The database the commands work on: {@code DATABASE_URL} (or the secret file of that name), else the local stack's. */
    public static DatabaseUrl url() {
        String env = DbUsersCommand.secret("DATABASE_URL");
        return DatabaseUrl.parse(env == null || env.isBlank() ? DEFAULT_URL : env);
    }

    /** A small pool for one command: Flyway holds two connections at once (lock and work). */
    public static HikariDataSource open(DatabaseUrl url) {
        return PooledDataSources.create(url, new PoolSettings(1, 2), "persister-db", Duration.ofSeconds(10));
    }

    /** The command line of {@code ./aoi db}: one-line errors with exit code 2, failures with exit code 1. */
    public static CommandLine commandLine() {
        return CommandLines.of(new DbCommand());
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply the pending migrations.")
    static final class Migrate implements Callable<Integer> {
        @Override
        public Integer call() {
            DatabaseUrl url = url();
            try (HikariDataSource ds = open(url)) {
                DatabaseMigrations migrations = new DatabaseMigrations(ds);
                int ran = migrations.migrate();
                System.out.println("database " + url.jdbcUrl() + ": " + ran + " migration(s) applied, schema version "
                        + migrations.currentVersion());
            }
            return 0;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "List the migrations and their state.")
    static final class Info implements Callable<Integer> {
        @Override
        public Integer call() {
            try (HikariDataSource ds = open(url())) {
                new DatabaseMigrations(ds).describe().forEach(System.out::println);
            }
            return 0;
        }
    }

    @Command(name = "downgrade", mixinStandardHelpOptions = true,
            description = "Undo migrations, newest first, down to a version (0 removes the schema and all data).")
    static final class Downgrade implements Callable<Integer> {
        @Option(names = "--to", required = true, paramLabel = "VERSION", description = "the version to end at")
        String to;

        @Override
        public Integer call() throws Exception {
            DatabaseUrl url = url();
            try (HikariDataSource ds = open(url)) {
                DatabaseMigrations migrations = new DatabaseMigrations(ds);
                int undone = migrations.downgradeTo(to);
                System.out.println("database " + url.jdbcUrl() + ": " + undone + " migration(s) undone, schema version "
                        + migrations.currentVersion());
            }
            return 0;
        }
    }
}
