package dev.aoi.persister.db;

import java.time.Duration;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.aoi.persister.write.SqlFaults;

/**
 * Migrates at start-up, waiting for the database while it is unreachable (a persister started before its
 * database must not crash-loop); a migration that fails for any other reason stops the start.
 */
public final class SchemaOnStart {

    private static final Logger log = LoggerFactory.getLogger(SchemaOnStart.class);

    private final DatabaseMigrations migrations;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    public SchemaOnStart(DatabaseMigrations migrations, Duration initialBackoff, Duration maxBackoff) {
        this.migrations = migrations;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Applies pending migrations, retrying with capped exponential backoff while the database is unreachable. */
    public void migrate() {
        long wait = Math.max(1, initialBackoff.toMillis());
        for (int attempt = 1; ; attempt++) {
            try {
                int ran = migrations.migrate();
                log.info("database schema at version {} ({} migration(s) applied now)", migrations.currentVersion(), ran);
                return;
            } catch (FlywayException e) {
                if (!SqlFaults.isTransient(e)) {
                    throw e;
                }
                log.warn("database unreachable for migrations (attempt {}): {}; retrying in {} ms", attempt,
                        rootMessage(e), wait);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the database", ie);
                }
                wait = Math.min(maxBackoff.toMillis(), wait * 2);
            }
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
