package dev.aoi.console.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.aoi.common.DatabaseUrl;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.infra.postgres.JdbcDatabase;
import dev.aoi.infra.postgres.LocalPostgres;
import dev.aoi.persister.db.DatabaseMigrations;
import dev.aoi.persister.db.PoolSettings;
import dev.aoi.persister.db.PooledDataSources;
import dev.aoi.persister.write.ResultBatchWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The bench's scratch database: migrated, loaded as the persister loads it, read by a console login. */
final class BenchDatabase implements AutoCloseable {

    private final JdbcDatabase server;
    private final String name;
    private final JdbcDatabase database;
    private final HikariDataSource owner;
    private final HikariDataSource reader;
    private final String readerUser;
    private final String readerPassword;
    private final ResultBatchWriter writer;

    private BenchDatabase(JdbcDatabase server, String name) {
        this.server = server;
        this.name = name;
        this.database = LocalPostgres.createDatabase(server, name, false);
        this.owner = PooledDataSources.create(new DatabaseUrl(database.url(), database.user(), database.password()),
                new PoolSettings(2, 2), "bench-owner", Duration.ofSeconds(10));
        new DatabaseMigrations(owner).migrate();
        this.readerUser = name + "_reader";
        this.readerPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        ownerJdbc().getJdbcTemplate().execute("CREATE ROLE " + readerUser + " LOGIN PASSWORD '" + readerPassword
                + "' IN ROLE aoi_console");
        this.reader = PooledDataSources.create(new DatabaseUrl(database.url(), readerUser, readerPassword),
                new PoolSettings(2, 2), "bench-reader", Duration.ofSeconds(10));
        this.writer = new ResultBatchWriter(owner);
    }

    static BenchDatabase create(JdbcDatabase server) {
        return new BenchDatabase(server, "aoi_bench_console_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36));
    }

    /** Monthly partitions for {@code [from, to)}, as the persister creates them ahead of the line's data. */
    void partitions(java.time.Instant from, java.time.Instant to) {
        dev.aoi.persister.lifecycle.Partitions partitions = new dev.aoi.persister.lifecycle.Partitions(owner);
        java.time.YearMonth month = java.time.YearMonth.from(from.atZone(java.time.ZoneOffset.UTC));
        java.time.YearMonth last = java.time.YearMonth.from(to.atZone(java.time.ZoneOffset.UTC));
        for (; !month.isAfter(last); month = month.plusMonths(1)) {
            partitions.create(new dev.aoi.persister.lifecycle.Month(month));
        }
    }

    /** A console user (viewer) for the API's HTTP Basic authentication; returns its password. */
    String viewer(String username) {
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        new dev.aoi.console.users.UserStore(org.springframework.jdbc.core.simple.JdbcClient.create(owner))
                .add(username, dev.aoi.console.users.Role.VIEWER, password);
        return password;
    }

    void write(List<InspectionResult> results) {
        writer.write(results);
    }

    /** Statistics and the visibility map, as autovacuum would leave them on a database that has been running. */
    void analyze() {
        ownerJdbc().getJdbcTemplate().execute("VACUUM ANALYZE images");
        ownerJdbc().getJdbcTemplate().execute("VACUUM ANALYZE classes");
        ownerJdbc().getJdbcTemplate().execute("VACUUM ANALYZE regions");
    }

    NamedParameterJdbcTemplate ownerJdbc() {
        return new NamedParameterJdbcTemplate(owner);
    }

    NamedParameterJdbcTemplate readerJdbc() {
        return new NamedParameterJdbcTemplate(reader);
    }

    String url() {
        return database.url();
    }

    String readerUser() {
        return readerUser;
    }

    String readerPassword() {
        return readerPassword;
    }

    @Override
    public void close() {
        reader.close();
        owner.close();
        try {
            new NamedParameterJdbcTemplate(server.dataSource()).getJdbcTemplate()
                    .execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            new NamedParameterJdbcTemplate(server.dataSource()).update("DROP ROLE IF EXISTS " + readerUser, Map.of());
        } catch (RuntimeException e) {
            System.err.println("could not drop the scratch database " + name + ": " + e.getMessage());
        }
    }
}
