package dev.aoi.console.users;

import java.util.List;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Readiness: the console's database user can write its own tables (users, verdicts and their history) — it is a
 * member of {@code aoi_console}, not only of {@code aoi_reader} — and cannot delete a verdict for real.
 */
public final class ConsoleTablesHealthIndicator extends AbstractHealthIndicator {

    private static final String MISSING = """
            SELECT t || ':' || p FROM (VALUES ('users', 'INSERT'), ('users', 'UPDATE'), ('region_reviews', 'INSERT'),
                ('region_reviews', 'UPDATE'), ('region_review_history', 'INSERT')) x(t, p)
            WHERE NOT has_table_privilege(t, p)
            """;

    private final JdbcClient jdbc;

    public ConsoleTablesHealthIndicator(JdbcClient jdbc) {
        super("the console's table privilege check failed");
        this.jdbc = jdbc;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<String> missing = jdbc.sql(MISSING).query(String.class).list();
        boolean canDelete = jdbc.sql("SELECT has_table_privilege('region_reviews', 'DELETE')").query(Boolean.class)
                .single();
        if (!missing.isEmpty()) {
            builder.down().withDetail("missing", missing)
                    .withDetail("reason", "the console's database user must be a member of aoi_console (V15)");
        } else if (canDelete) {
            builder.down().withDetail("reason", "the console's user may DELETE verdicts; log in as a member of"
                    + " aoi_console only, never as the owner");
        } else {
            builder.up();
        }
    }
}
