package dev.aoi.console.db;

import java.util.List;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Readiness: the console's database user can read the pipeline's tables and can write none of them. A user that
 * could write (the owner, or a member of aoi_persister) makes the console not ready, with the reason.
 */
public final class ReadOnlyRoleHealthIndicator extends AbstractHealthIndicator {

    private static final String CHECK = """
            SELECT t.name || ':' || p.name
            FROM (VALUES ('images'), ('classes'), ('regions')) t(name),
                 (VALUES ('INSERT'), ('UPDATE'), ('DELETE'), ('TRUNCATE')) p(name)
            WHERE has_table_privilege(t.name, p.name)
            """;

    private final JdbcClient jdbc;

    public ReadOnlyRoleHealthIndicator(JdbcClient jdbc) {
        super("the console's database role check failed");
        this.jdbc = jdbc;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<String> writable = jdbc.sql(CHECK).query(String.class).list();
        String user = jdbc.sql("SELECT current_user").query(String.class).single();
        boolean canRead = Boolean.TRUE.equals(jdbc.sql("SELECT has_table_privilege('images', 'SELECT')"
                + " AND has_table_privilege('classes', 'SELECT') AND has_table_privilege('regions', 'SELECT')")
                .query(Boolean.class).single());
        if (!writable.isEmpty()) {
            builder.down().withDetail("user", user).withDetail("writable", writable)
                    .withDetail("reason", "the console must log in as a member of aoi_reader only");
        } else if (!canRead) {
            builder.down().withDetail("user", user).withDetail("reason", "cannot read images, classes, regions");
        } else {
            builder.up().withDetail("user", user);
        }
    }
}
