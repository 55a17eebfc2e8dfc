package dev.aoi.persister.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The schema's versions: Flyway applies {@code db/migration/V*} upwards; downwards, each version {@code N} has
 * {@code db/rollback/U{N}__*.sql} (Flyway's community edition has no undo), applied here in one transaction
 * together with the removal of its history row, so a failed downgrade leaves the schema as it was.
 */
public final class DatabaseMigrations {

    /** Classpath folder of the up migrations. */
    public static final String MIGRATIONS = "classpath:db/migration";
    /** Classpath folder of the down scripts. */
    public static final String ROLLBACKS = "db/rollback";
    /** Versions that have a rollback script, in order; keep in step with {@code db/rollback}. */
    static final List<String> ROLLBACK_SCRIPTS = List.of(
            "U1__seed_schema.sql",
            "U2__results_of_the_pipeline.sql",
            "U3__least_privilege_roles.sql",
            "U4__monthly_partitions_and_lifecycle.sql",
            "U10__console_read_indexes.sql",
            "U15__users_and_region_reviews.sql",
            "U20__no_ddl_for_the_services.sql");

    private final DataSource dataSource;

    public DatabaseMigrations(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Upgrades to the latest version; returns how many migrations ran. */
    public int migrate() {
        return flyway(null).migrate().migrationsExecuted;
    }

    /** Upgrades to {@code version} (e.g. "1"); returns how many migrations ran. */
    public int migrateTo(String version) {
        return flyway(version).migrate().migrationsExecuted;
    }

    /** The applied version, or "0" for an empty database. */
    public String currentVersion() {
        MigrationInfo current = flyway(null).info().current();
        return current == null || current.getVersion() == null ? "0" : current.getVersion().getVersion();
    }

    /** Each migration with its state, one per line: for {@code db info}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (MigrationInfo info : flyway(null).info().all()) {
            lines.add(String.format("%-4s %-40s %s", info.getVersion(), info.getDescription(), info.getState()));
        }
        return lines;
    }

    /** Downgrades, newest first, until the applied version is {@code target} ("0": nothing left). */
    public int downgradeTo(String target) throws SQLException {
        MigrationVersion goal = MigrationVersion.fromVersion(target);
        int undone = 0;
        while (true) {
            String current = currentVersion();
            if (current.equals("0") || MigrationVersion.fromVersion(current).compareTo(goal) <= 0) {
                return undone;
            }
            undo(current);
            undone++;
        }
    }

    private void undo(String version) throws SQLException {
        String script = ROLLBACK_SCRIPTS.stream()
                .filter(s -> s.startsWith("U" + version + "__"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no rollback script for schema version " + version
                        + " in " + ROLLBACKS + ": add U" + version + "__<description>.sql"));
        String sql = read(ROLLBACKS + "/" + script);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute(sql);
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM flyway_schema_history WHERE version = ?")) {
                    ps.setString(1, version);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private Flyway flyway(String target) {
        var config = Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .failOnMissingLocations(true);
        if (target != null) {
            config = config.target(MigrationVersion.fromVersion(target));
        }
        return config.load();
    }

    private static String read(String resource) {
        try (InputStream in = DatabaseMigrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("rollback script " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
