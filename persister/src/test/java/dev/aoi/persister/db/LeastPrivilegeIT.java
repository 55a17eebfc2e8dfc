package dev.aoi.persister.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aoi.infra.postgres.JdbcDatabase;
import dev.aoi.infra.testing.TestInfrastructure;
import dev.aoi.persister.testing.MigratedDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The logins of {@code ./aoi db users} on a real PostgreSQL, migrated to the latest schema: the persister's login
 * writes rows but can do no DDL, the reader's login reads and can write nothing; running the command again
 * updates them.
 */
class LeastPrivilegeIT {

    @Test
    void thePersisterWritesButDoesNoDdlAndTheReaderOnlyReads() throws Exception {
        String suffix = TestInfrastructure.uniqueName("").replaceAll("[^a-z0-9_]", "_").toLowerCase();
        String persister = "p" + suffix;
        String reader = "r" + suffix;
        Map<String, String> env = Map.of(DbUsersCommand.PERSISTER_PASSWORD, "persister-password-0123",
                DbUsersCommand.READER_PASSWORD, "reader-password-01234",
                "DATABASE_URL", "");
        try (MigratedDatabase db = MigratedDatabase.create()) {
            JdbcDatabase owner = db.database();
            List<String> done = new LoginUsers(db.dataSource()).apply(List.of(
                    new LoginUsers.Login(persister, "aoi_persister", env.get(DbUsersCommand.PERSISTER_PASSWORD)),
                    new LoginUsers.Login(reader, "aoi_reader", env.get(DbUsersCommand.READER_PASSWORD))));
            assertThat(done).containsExactly("created " + persister + " (member of aoi_persister)",
                    "created " + reader + " (member of aoi_reader)");

            JdbcDatabase asPersister = new JdbcDatabase(owner.url(), persister, "persister-password-0123");
            try (Connection c = asPersister.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO images (img_unique_id, captured_at, attributes) VALUES ('lp-1', now(), '{}')");
                s.execute("UPDATE images SET camera_id = 'cam' WHERE img_unique_id = 'lp-1'");
                assertDenied(s, "CREATE TABLE sneaky (x int)");
                assertDenied(s, "ALTER TABLE images ADD COLUMN sneaky int");
                assertDenied(s, "DROP TABLE regions");
                assertDenied(s, "TRUNCATE images");
                assertDenied(s, "CREATE ROLE sneaky LOGIN");
            }
            JdbcDatabase asReader = new JdbcDatabase(owner.url(), reader, "reader-password-01234");
            try (Connection c = asReader.connect(); Statement s = c.createStatement()) {
                try (var rs = s.executeQuery("SELECT camera_id FROM images WHERE img_unique_id = 'lp-1'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("cam");
                }
                assertDenied(s, "INSERT INTO images (img_unique_id, captured_at) VALUES ('lp-2', now())");
                assertDenied(s, "UPDATE images SET camera_id = 'x'");
                assertDenied(s, "DELETE FROM images");
                assertDenied(s, "CREATE TABLE sneaky (x int)");
            }
            // running it again sets the password of an existing login instead of failing
            assertThat(new LoginUsers(db.dataSource()).apply(List.of(new LoginUsers.Login(reader, "aoi_reader",
                    "another-password-0123")))).containsExactly("updated " + reader + " (member of aoi_reader)");
            assertThat(db.query("SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = '"
                    + persister + "'")).isEqualTo("f");
            db.execute("DELETE FROM images WHERE img_unique_id = 'lp-1'");
            db.execute("DROP ROLE " + persister);
            db.execute("DROP ROLE " + reader);
        }
    }

    @Test
    void noPasswordNoLoginAndAShortOneIsRefused() {
        assertThat(new DbUsersCommand(name -> null).call()).isEqualTo(2);
        assertThatThrownBy(() -> new LoginUsers.Login("aoi_reader_user", "aoi_reader", "short"))
                .hasMessageContaining("at least 16");
        assertThatThrownBy(() -> new LoginUsers.Login("x\"; DROP", "aoi_reader", "long-enough-password"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertDenied(Statement s, String sql) {
        assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql + ": " + e.getMessage())
                        .isIn("42501", "42P01"));
    }
}
