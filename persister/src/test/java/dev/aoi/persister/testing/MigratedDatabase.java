package dev.aoi.persister.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.aoi.common.DatabaseUrl;
import dev.aoi.infra.postgres.JdbcDatabase;
import dev.aoi.infra.testing.TestInfrastructure;
import dev.aoi.persister.db.DatabaseMigrations;
import dev.aoi.persister.db.PoolSettings;
import dev.aoi.persister.db.PooledDataSources;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** A new database on the shared test server, migrated to the latest schema, with a small pool and checksums. */
public final class MigratedDatabase implements AutoCloseable {

    private final JdbcDatabase database;
    private final HikariDataSource dataSource;

    private MigratedDatabase(JdbcDatabase database, boolean migrate) {
        this.database = database;
        this.dataSource = PooledDataSources.create(new DatabaseUrl(database.url(), database.user(), database.password()),
                new PoolSettings(1, 2), "persister-test", Duration.ofSeconds(5));
        if (migrate) {
            new DatabaseMigrations(dataSource).migrate();
        }
    }

    public static MigratedDatabase create() {
        return new MigratedDatabase(TestInfrastructure.shared().createDatabase("persister"), true);
    }

    /** An empty database without any schema. */
    public static MigratedDatabase empty() {
        return new MigratedDatabase(TestInfrastructure.shared().createDatabase("persister"), false);
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public JdbcDatabase database() {
        return database;
    }

    /**
     * md5 of every table's rows in key order, {@code created_at} and {@code updated_at} (wall-clock times of the
     * writes) left out: equal checksums, equal contents.
     */
    public String checksum() throws SQLException {
        return query("SELECT (SELECT md5(coalesce(string_agg((to_jsonb(t) - 'created_at' - 'updated_at')::text, ',' ORDER BY t.img_unique_id), '')) FROM images t)"
                + " || (SELECT md5(coalesce(string_agg((to_jsonb(t) - 'created_at')::text, ',' ORDER BY t.class_unique_id), '')) FROM classes t)"
                + " || (SELECT md5(coalesce(string_agg((to_jsonb(t) - 'created_at')::text, ',' ORDER BY t.region_unique_id), '')) FROM regions t)");
    }

    public long count(String table) throws SQLException {
        return Long.parseLong(query("SELECT count(*) FROM " + table));
    }

    public String query(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
