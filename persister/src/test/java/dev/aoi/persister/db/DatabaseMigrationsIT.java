package dev.aoi.persister.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aoi.persister.bench.SyntheticResults;
import dev.aoi.persister.testing.MigratedDatabase;
import dev.aoi.persister.write.ResultBatchWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Upgrades from nothing and from the previous version with data, and downgrades, against a real PostgreSQL. */
class DatabaseMigrationsIT {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    /** The newest version: the last rollback script's (every migration has one). */
    private static String latestVersion() {
        String last = DatabaseMigrations.ROLLBACK_SCRIPTS.get(DatabaseMigrations.ROLLBACK_SCRIPTS.size() - 1);
        return last.substring(1, last.indexOf("__"));
    }

    @Test
    void anEmptyDatabaseMigratesToTheLatestSchemaWithOnlyTheIndexesQueriesNeed() throws Exception {
        try (MigratedDatabase db = MigratedDatabase.empty()) {
            DatabaseMigrations migrations = new DatabaseMigrations(db.dataSource());
            assertThat(migrations.currentVersion()).isEqualTo("0");
            assertThat(migrations.migrate()).isEqualTo(DatabaseMigrations.ROLLBACK_SCRIPTS.size());
            assertThat(migrations.currentVersion()).isEqualTo(latestVersion());
            assertThat(migrations.migrate()).isZero();
            assertThat(db.query("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes"
                    + " WHERE schemaname = 'public' AND tablename IN ('images','classes','regions')"))
                    .isEqualTo("classes_pkey,images_pkey,ix_images_attributes,ix_images_camera_captured,ix_images_captured,"
                            + "ix_regions_class,ix_regions_img,regions_pkey,uq_classes_img_class");
            // the foreign keys join the partitions of one month (classes_pX -> images_pX, regions_pX -> classes_pX)
            assertThat(db.query("SELECT count(*) FROM pg_inherits i WHERE i.inhparent = 'images'::regclass"))
                    .isEqualTo("5");
            assertThat(db.query("SELECT string_agg(DISTINCT replace(conrelid::regclass::text || '->'"
                    + " || confrelid::regclass::text || ':' || confdeltype::text, substr(conrelid::regclass::text,"
                    + " strpos(conrelid::regclass::text, '_')), ''), ',')"
                    + " FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text ~ '^(classes|regions)'"))
                    .isEqualTo("classes->images:c,regions->classes:c");
            assertThat(db.query("SELECT count(*) FROM pg_constraint WHERE contype = 'f'"
                    + " AND conrelid::regclass::text ~ '^(classes|regions)'")).isEqualTo("10");
        }
    }

    @Test
    void thePreviousVersionWithDataUpgradesKeepingEveryRow() throws Exception {
        try (MigratedDatabase db = MigratedDatabase.empty()) {
            DatabaseMigrations migrations = new DatabaseMigrations(db.dataSource());
            migrations.migrateTo("1");
            db.execute("INSERT INTO images (img_unique_id, image_height, image_width, \"timestamp\", input_image_path)"
                    + " VALUES ('old-1', 1792, 1792, '2026-01-01 00:00:00', '/data/old-1.png')");
            db.execute("INSERT INTO classes (class_unique_id, img_unique_id, class_id, class_name, total_regions,"
                    + " total_area_pixels) VALUES ('old-1_c1', 'old-1', 1, 'PI_Particle', 1, 9)");
            db.execute("INSERT INTO regions (region_unique_id, class_unique_id, img_unique_id, region_id, area_pixels)"
                    + " VALUES ('old-1_c1_r1', 'old-1_c1', 'old-1', 1, 9)");

            migrations.migrate();

            assertThat(migrations.currentVersion()).isEqualTo(latestVersion());
            assertThat(db.count("regions")).isEqualTo(1);
            // the seed's zone-less "timestamp" (UTC) became the capture time and the partition key
            assertThat(db.query("SELECT tableoid::regclass || ' ' || (captured_at = '2026-01-01T00:00:00Z')"
                    + " || ' ' || (\"timestamp\" = captured_at) FROM images")).isEqualTo("images_p2026_01 true true");
            assertThat(db.query("SELECT attributes::text || coalesce(processed_at::text, 'null') FROM images"))
                    .isEqualTo("{}null");
            // A stored row without processed_at counts as older than any result: the first result replaces it.
            new ResultBatchWriter(db.dataSource()).write(java.util.List.of(
                    new SyntheticResults(1).result("old-1", 1, 3, T0)));
            assertThat(db.query("SELECT count(*) FROM regions WHERE img_unique_id = 'old-1'")).isEqualTo("3");
            // the result carries another capture time: the image left its month (no partition for 2026-11 here, so
            // the default partition), one row, and its key followed
            assertThat(db.query("SELECT count(*) || ' ' || min(tableoid::regclass::text) FROM images"))
                    .isEqualTo("1 images_default");
            assertThat(db.query("SELECT captured_at = '" + SyntheticResults.EPOCH.plusMillis(250) + "' FROM image_keys"))
                    .isEqualTo("t");
        }
    }

    @Test
    void downAndUpAgainGiveTheSameSchemaAndRefuseToLoseLongIds() throws Exception {
        try (MigratedDatabase db = MigratedDatabase.create()) {
            DatabaseMigrations migrations = new DatabaseMigrations(db.dataSource());
            String latest = schema(db);
            ResultBatchWriter writer = new ResultBatchWriter(db.dataSource());
            writer.write(new SyntheticResults(2).results(10, 5, T0));
            String rows = db.checksum();
            String rollups = db.query("SELECT md5(string_agg((to_jsonb(r) - 'updated_at')::text, ',' ORDER BY day,"
                    + " camera_id, class_id)) FROM daily_rollups r");

            // the partitioned layout down to the unpartitioned one and up again, with data: the same rows, and the
            // same rollups rebuilt from them
            assertThat(migrations.downgradeTo("3")).isEqualTo(DatabaseMigrations.ROLLBACK_SCRIPTS.size() - 3);
            assertThat(db.query("SELECT relkind FROM pg_class WHERE relname = 'regions'")).isEqualTo("r");
            assertThat(db.count("regions")).isEqualTo(50);
            migrations.migrate();
            assertThat(schema(db)).isEqualTo(latest);
            assertThat(db.checksum()).isEqualTo(rows);
            assertThat(db.query("SELECT md5(string_agg((to_jsonb(r) - 'updated_at')::text, ',' ORDER BY day,"
                    + " camera_id, class_id)) FROM daily_rollups r")).isEqualTo(rollups);

            assertThat(migrations.downgradeTo("1")).isEqualTo(DatabaseMigrations.ROLLBACK_SCRIPTS.size() - 1);
            assertThat(migrations.currentVersion()).isEqualTo("1");
            assertThat(db.count("regions")).isEqualTo(50);
            assertThat(db.query("SELECT count(*) FROM information_schema.columns WHERE column_name = 'processed_at'"))
                    .isEqualTo("0");

            migrations.migrate();
            assertThat(schema(db)).isEqualTo(latest);
            assertThat(db.count("regions")).isEqualTo(50);

            writer.write(java.util.List.of(new SyntheticResults(2).result("x".repeat(255), 1, 2, T0)));
            assertThatThrownBy(() -> migrations.downgradeTo("1")).hasMessageContaining("character varying(255)");
            assertThat(migrations.currentVersion()).isEqualTo("2");
            migrations.migrate();
            assertThat(schema(db)).isEqualTo(latest);

            assertThatThrownBy(() -> migrations.downgradeTo("0")).hasMessageContaining("character varying(255)");
            db.execute("DELETE FROM images WHERE length(img_unique_id) = 255");
            assertThat(migrations.downgradeTo("0")).isEqualTo(2);
            assertThat(db.query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'"))
                    .isEqualTo("0");
            migrations.migrate();
            assertThat(schema(db)).isEqualTo(latest);
        }
    }

    /** Columns, types, defaults, indexes and constraints of the three tables, as text. */
    private static String schema(MigratedDatabase db) throws Exception {
        return db.query("SELECT string_agg(x, E'\\n' ORDER BY x) FROM ("
                + " SELECT table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')"
                + "   || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS x"
                + " FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN ('images','classes','regions')"
                + " UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ('images','classes','regions')"
                + " UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conparentid = 0"
                + "   AND conrelid IN ('images'::regclass, 'classes'::regclass, 'regions'::regclass)"
                + ") s");
    }
}
