package dev.aoi.persister.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aoi.common.event.InspectionResult;
import dev.aoi.persister.bench.SyntheticResults;
import dev.aoi.persister.testing.MigratedDatabase;
import dev.aoi.persister.testing.Results;
import dev.aoi.persister.write.ResultBatchWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Monthly partitions on a real PostgreSQL: routing, the default partition, creation ahead, pruning, privileges. */
class PartitionsIT {

    private static final Instant JUNE = Instant.parse("2026-06-10T12:00:00Z");
    private final SyntheticResults synthetic = new SyntheticResults(11);

    @Test
    void writesLandInTheirMonthStraysInTheDefaultWhichIsReportedAndMovedWhenTheMonthIsCreated() throws Exception {
        try (MigratedDatabase db = MigratedDatabase.create()) {
            Partitions partitions = new Partitions(db.dataSource());
            YearMonth now = YearMonth.now(ZoneOffset.UTC);
            // created ahead by the migration: this month and three after it
            assertThat(partitions.months()).extracting(Month::value)
                    .containsExactly(now, now.plusMonths(1), now.plusMonths(2), now.plusMonths(3));
            assertThat(partitions.ensureAhead(5)).isEqualTo(2);
            partitions.create(Month.parse("2026-06"));

            ResultBatchWriter writer = new ResultBatchWriter(db.dataSource());
            InspectionResult june = Results.capturedAt(synthetic.result("june-1", 1, 4, JUNE), JUNE);
            InspectionResult past = Results.capturedAt(synthetic.result("past-1", 2, 3, JUNE),
                    Instant.parse("1999-12-31T23:00:00Z"));
            InspectionResult future = Results.capturedAt(synthetic.result("future-1", 3, 2, JUNE),
                    Instant.parse("2031-01-01T00:00:00Z"));
            writer.write(List.of(june, past, future));

            assertThat(db.query("SELECT string_agg(tableoid::regclass::text || ':' || img_unique_id, ','"
                    + " ORDER BY img_unique_id) FROM images"))
                    .isEqualTo("images_default:future-1,images_p2026_06:june-1,images_default:past-1");
            assertThat(db.query("SELECT count(*) FROM regions_p2026_06")).isEqualTo("4");
            assertThat(db.query("SELECT count(*) FROM classes_default")).isEqualTo("8");
            assertThat(partitions.defaultRows()).isEqualTo(Map.of("images", 2L, "classes", 8L, "regions", 5L));

            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            LifecycleScheduler scheduler = new LifecycleScheduler(partitions, null, 3, registry);
            scheduler.checkDefaultPartitions();
            assertThat(registry.get("aoi.persister.default.partition.rows").tag("table", "regions").gauge().value())
                    .isEqualTo(5.0);
            scheduler.close();

            // creating the stray's month moves its rows out of the default partition, keys and all
            assertThat(partitions.create(Month.parse("1999-12"))).isTrue();
            assertThat(db.query("SELECT tableoid::regclass::text FROM regions WHERE img_unique_id = 'past-1' LIMIT 1"))
                    .isEqualTo("regions_p1999_12");
            assertThat(partitions.defaultRows()).isEqualTo(Map.of("images", 1L, "classes", 4L, "regions", 2L));
            assertThat(writer.write(List.of(past)).unchanged()).isEqualTo(1);
        }
    }

    @Test
    void timeRangeQueriesScanOnlyTheMonthsTheyNeed() throws Exception {
        try (MigratedDatabase db = MigratedDatabase.create()) {
            Partitions partitions = new Partitions(db.dataSource());
            partitions.create(Month.parse("2026-05"));
            partitions.create(Month.parse("2026-06"));
            partitions.create(Month.parse("2026-07"));
            String plan = plan(db, "SELECT c.class_id, sum(c.total_regions) FROM images i JOIN classes c"
                    + " ON c.img_unique_id = i.img_unique_id AND c.captured_at = i.captured_at"
                    + " WHERE i.captured_at >= '2026-06-01Z' AND i.captured_at < '2026-06-08Z'"
                    + " AND c.captured_at >= '2026-06-01Z' AND c.captured_at < '2026-06-08Z' GROUP BY 1");
            assertThat(plan).contains("images_p2026_06", "classes_p2026_06")
                    .doesNotContain("p2026_05", "p2026_07", "_default");
            String regions = plan(db, "SELECT count(*) FROM regions WHERE captured_at >= '2026-07-01Z'"
                    + " AND captured_at < '2026-07-02Z'");
            assertThat(regions).contains("regions_p2026_07").doesNotContain("p2026_06", "_default");
        }
    }

    @Test
    void theDmlOnlyPersisterRoleCreatesAndDropsMonthsOnlyThroughTheFunctions() throws Exception {
        try (MigratedDatabase db = MigratedDatabase.create()) {
            String role = "aoi_it_writer_" + Long.toString(System.nanoTime(), 36);
            db.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'it-only-" + role + "' IN ROLE aoi_persister");
            try (Connection c = connectAs(db, role, "it-only-" + role); Statement s = c.createStatement()) {
                s.execute("SELECT aoi_create_month_partitions('2026-06-01')");
                s.execute("INSERT INTO image_keys VALUES ('x', '2026-06-02Z')");
                assertThatThrownBy(() -> s.execute("DROP TABLE images_p2026_06")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("must be owner");
                assertThatThrownBy(() -> s.execute("ALTER TABLE images DETACH PARTITION images_p2026_06"))
                        .hasMessageContaining("must be owner");
                assertThatThrownBy(() -> s.execute("UPDATE archive_policies SET retention_days = 1"))
                        .hasMessageContaining("permission denied");
                // the policy keeps data forever by default, and the function checks it
                assertThatThrownBy(() -> s.execute("SELECT aoi_drop_month_partitions('2026-06-01')"))
                        .hasMessageContaining("keeps data forever");
            } finally {
                db.execute("DROP ROLE " + role);
            }
            assertThat(db.query("SELECT count(*) FROM pg_tables WHERE tablename = 'images_p2026_06'")).isEqualTo("1");
        }
    }

    private static String plan(MigratedDatabase db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("EXPLAIN " + sql)) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
            return plan.toString();
        }
    }

    private static Connection connectAs(MigratedDatabase db, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection(db.database().url(), p);
    }
}
