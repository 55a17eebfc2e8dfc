package dev.aoi.console.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.aoi.console.testing.ConsoleTestDatabase;
import dev.aoi.persister.bench.SyntheticResults;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The console's login reads the pipeline's tables and can write none of them; an owner login is not ready. */
class ReaderRoleIT {

    static final ConsoleTestDatabase DB = ConsoleTestDatabase.create();

    @AfterAll
    static void close() {
        DB.close();
    }

    @Test
    void theConsolesUserCanReadButNeverWrite() {
        DB.write(List.of(new SyntheticResults(5).result("r-1", 1, 3, Instant.parse("2026-11-20T00:00:00Z"))));
        try (HikariDataSource pool = ReaderDataSources.create(DB.url(), DB.readerUser(), DB.readerPassword(), 2,
                Duration.ofSeconds(5), Duration.ofSeconds(5))) {
            JdbcClient jdbc = JdbcClient.create(pool);
            assertThat(jdbc.sql("SELECT count(*) FROM regions").query(Long.class).single()).isEqualTo(3);
            for (String write : List.of(
                    "INSERT INTO images (img_unique_id) VALUES ('x')",
                    "UPDATE images SET camera_id = 'x'",
                    "DELETE FROM regions",
                    "TRUNCATE classes CASCADE",
                    "CREATE TABLE mine (x int)")) {
                assertThatThrownBy(() -> jdbc.sql(write).update()).as(write)
                        .hasMessageContaining("read-only transaction");
            }
            // and without the read-only session the role itself refuses: permission denied
            JdbcClient plain = JdbcClient.create(DB.reader().dataSource());
            for (String write : List.of("INSERT INTO images (img_unique_id) VALUES ('x')",
                    "UPDATE images SET camera_id = 'x'", "DELETE FROM regions", "TRUNCATE classes CASCADE")) {
                assertThatThrownBy(() -> plain.sql(write).update()).as(write).rootCause()
                        .hasMessageContaining("permission denied");
            }
            assertThat(new ReadOnlyRoleHealthIndicator(jdbc).health(true).getStatus()).isEqualTo(Status.UP);
        }
        assertThat(JdbcClient.create(DB.ownerPool()).sql("SELECT count(*) FROM regions").query(Long.class).single())
                .isEqualTo(3);
    }

    @Test
    void theOwnerAsTheConsolesUserIsNotReady() {
        ReadOnlyRoleHealthIndicator owner = new ReadOnlyRoleHealthIndicator(JdbcClient.create(DB.ownerPool()));
        var health = owner.health(true);
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("writable").toString()).contains("images:INSERT");
    }

    @Test
    void noUserOrNoPasswordIsRefusedAtStart() {
        assertThatThrownBy(() -> ReaderDataSources.create(DB.url(), "", "x", 1, Duration.ofSeconds(1),
                Duration.ofSeconds(1))).hasMessageContaining("AOI_CONSOLE_DB_USER");
        assertThatThrownBy(() -> ReaderDataSources.create(DB.url(), "someone", "", 1, Duration.ofSeconds(1),
                Duration.ofSeconds(1))).hasMessageContaining("no default password");
    }
}
