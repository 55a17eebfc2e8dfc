package dev.aoi.persister.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aoi.common.event.InspectionResult;
import dev.aoi.persister.bench.SyntheticResults;
import dev.aoi.persister.testing.MigratedDatabase;
import dev.aoi.persister.testing.Results;
import dev.aoi.persister.write.ResultBatchWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retention job on a real PostgreSQL: archive, verify, drop, restore; reruns after a kill; one at a time. */
class RetentionJobIT {

    private static final Month JUNE = Month.parse("2026-06");
    private static final Month JULY = Month.parse("2026-07");
    private final SyntheticResults synthetic = new SyntheticResults(5);

    @TempDir
    Path dir;

    @Test
    void anArchivedMonthIsDroppedRestoresToIdenticalRowsAndItsRollupsStay() throws Exception {
        try (MigratedDatabase db = MigratedDatabase.create()) {
            Path results = Files.createDirectories(dir.resolve("results"));
            ResultImageFiles files = new ResultImageFiles(results);
            load(db, results, JUNE, 30);
            load(db, results, JULY, 10);
            String juneRows = monthChecksum(db, JUNE);
            String julyRows = monthChecksum(db, JULY);
            DailyRollups rollups = new DailyRollups(db.dataSource());
            var before = rollups.rows(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 8, 1), null, null);
            assertThat(before).isNotEmpty();
            assertThat(before).isEqualTo(rollups.recompute(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 8, 1)));
            Path archive = dir.resolve("archive");
            setPolicy(db, "retention_days = 30, archive_enabled = true, archive_location = '" + archive + "'");
            // June and July are past 30 days once it is October
            RetentionJob job = new RetentionJob(db.dataSource(), files, Clock.systemUTC());

            RetentionJob.Report dry = job.run(true);
            assertThat(dry.actions()).anyMatch(a -> a.startsWith("would archive 2026-06 (30 images, 120 classes"));
            assertThat(new Partitions(db.dataSource()).months()).contains(JUNE, JULY);
            assertThat(Files.exists(archive)).isFalse();

            RetentionJob.Report report = job.run(false);
            assertThat(report.actions()).contains("archived and dropped 2026-06 (30 images, 120 classes, 180 regions)",
                    "archived and dropped 2026-07 (10 images, 40 classes, 60 regions)");
            assertThat(new Partitions(db.dataSource()).months()).doesNotContain(JUNE, JULY);
            assertThat(db.count("images")).isZero();
            assertThat(db.count("image_keys")).isZero();
            assertThat(Files.exists(results.resolve("2026-06/june-0_overlay.jpg"))).isFalse();
            assertThat(archive.resolve("2026-06/result-images/2026-06/june-0_overlay.jpg")).exists();
            assertThat(archive.resolve("2026-06")).isDirectoryContaining(p -> p.endsWith("manifest.json"));
            // the rollups outlive the raw rows
            assertThat(rollups.rows(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 8, 1), null, null)).isEqualTo(before);
            assertThat(db.query("SELECT last_archive_run IS NOT NULL FROM archive_policies WHERE data_kind = 'results'"))
                    .isEqualTo("t");

            PartitionArchiver archiver = new PartitionArchiver(db.dataSource(), files, Clock.systemUTC());
            PartitionArchiver.RestoreReport restored = archiver.restore(JUNE, archive.resolve("2026-06"));
            assertThat(restored.rows()).containsEntry("images", 30L).containsEntry("regions", 180L);
            assertThat(restored.resultImages()).isEqualTo(30);
            assertThat(monthChecksum(db, JUNE)).isEqualTo(juneRows);
            assertThat(results.resolve("2026-06/june-0_overlay.jpg")).hasContent("pixels of june-0");
            assertThat(rollups.rows(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 8, 1), null, null)).isEqualTo(before);
            // a restored frame is an ordinary frame again: its replay changes nothing
            assertThat(new ResultBatchWriter(db.dataSource()).write(results(JUNE, 30, results)).unchanged())
                    .isEqualTo(30);
            archiver.restore(JULY, archive.resolve("2026-07"));
            assertThat(monthChecksum(db, JULY)).isEqualTo(julyRows);
        }
    }

    @Test
    void aJobKilledAfterTheArchiveBeforeTheDropCompletesOnTheNextRunAndAChangedMonthIsNotDropped() throws Exception {
        try (MigratedDatabase db = MigratedDatabase.create()) {
            load(db, null, JUNE, 12);
            String rows = monthChecksum(db, JUNE);
            Path archive = dir.resolve("archive");
            setPolicy(db, "retention_days = 30, archive_enabled = true, archive_location = '" + archive + "'");
            ResultImageFiles none = new ResultImageFiles(null);
            RetentionJob job = new RetentionJob(db.dataSource(), none, Clock.systemUTC());
            // the first run got as far as the archive (and a half-written file of a later attempt is lying there)
            job.archiveMonth(JUNE, archive.toString());
            Files.writeString(archive.resolve("2026-06/regions.copy.gz.tmp"), "torn");
            // a late result for June arrives: the archive no longer matches, so the month is not dropped on it
            new ResultBatchWriter(db.dataSource()).write(List.of(Results.capturedAt(
                    synthetic.result("late-1", 99, 2, Instant.parse("2026-11-20T00:00:00Z")),
                    Instant.parse("2026-06-30T23:00:00Z"))));
            assertThatThrownBy(() -> job.drop(JUNE)).hasMessageContaining("holds 13 images");
            assertThat(new Partitions(db.dataSource()).months()).contains(JUNE);

            RetentionJob.Report report = job.run(false);
            assertThat(report.actions()).containsExactly("archived and dropped 2026-06 (13 images, 52 classes, 74 regions)");
            new PartitionArchiver(db.dataSource(), none, Clock.systemUTC()).restore(JUNE, archive.resolve("2026-06"));
            assertThat(db.count("images")).isEqualTo(13);
            db.execute("DELETE FROM images WHERE img_unique_id = 'late-1'");
            db.execute("DELETE FROM image_keys WHERE img_unique_id = 'late-1'");
            assertThat(monthChecksum(db, JUNE)).isEqualTo(rows);
        }
    }

    @Test
    void twoPersistersNeverRunTheJobAtOnce() throws Exception {
        try (MigratedDatabase db = MigratedDatabase.create()) {
            load(db, null, JUNE, 3);
            setPolicy(db, "retention_days = 30");
            RetentionJob job = new RetentionJob(db.dataSource(), new ResultImageFiles(null), Clock.systemUTC());
            try (Connection other = db.dataSource().getConnection(); Statement s = other.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + RetentionJob.LOCK_KEY + ")");
                RetentionJob.Report skipped = job.run(false);
                assertThat(skipped.ran()).isFalse();
                assertThat(new Partitions(db.dataSource()).months()).contains(JUNE);
                s.execute("SELECT pg_advisory_unlock(" + RetentionJob.LOCK_KEY + ")");
            }
            // two at the same time: the month is dropped once, neither fails
            List<Thread> threads = new ArrayList<>();
            List<RetentionJob.Report> reports = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int k = 0; k < 2; k++) {
                Thread t = new Thread(() -> reports.add(
                        new RetentionJob(db.dataSource(), new ResultImageFiles(null), Clock.systemUTC()).run(false)));
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(reports).hasSize(2);
            assertThat(reports.stream().flatMap(r -> r.actions().stream()).filter(a -> a.startsWith("dropped 2026-06")))
                    .hasSize(1);
            assertThat(reports.stream().flatMap(r -> r.actions().stream())).noneMatch(a -> a.startsWith("failed"));
            assertThat(new Partitions(db.dataSource()).months()).doesNotContain(JUNE);
        }
    }

    private void load(MigratedDatabase db, Path resultsRoot, Month month, int images) throws Exception {
        new Partitions(db.dataSource()).create(month);
        new ResultBatchWriter(db.dataSource()).write(results(month, images, resultsRoot));
    }

    private List<InspectionResult> results(Month month, int images, Path resultsRoot) throws Exception {
        List<InspectionResult> out = new ArrayList<>();
        String prefix = month.equals(JUNE) ? "june" : "july";
        for (int n = 0; n < images; n++) {
            String id = prefix + "-" + n;
            InspectionResult r = Results.capturedAt(synthetic.result(id, n, 6, Instant.parse("2026-11-20T00:00:00Z")),
                    month.start().plusSeconds(3600L * 7 * n));
            if (resultsRoot != null) {
                Path file = resultsRoot.resolve(month + "/" + id + "_overlay.jpg");
                Files.createDirectories(file.getParent());
                Files.writeString(file, "pixels of " + id);
                r = Results.resultImages(r, List.of(file.toUri().toString()));
            }
            out.add(r);
        }
        return out;
    }

    private static void setPolicy(MigratedDatabase db, String set) throws Exception {
        db.execute("UPDATE archive_policies SET " + set + " WHERE data_kind = 'results'");
    }

    private static String monthChecksum(MigratedDatabase db, Month month) throws Exception {
        String range = " WHERE captured_at >= '" + month.start() + "' AND captured_at < '" + month.end() + "'";
        return db.query("SELECT (SELECT md5(string_agg(to_jsonb(t)::text, ',' ORDER BY img_unique_id)) FROM images t"
                + range + ") || (SELECT md5(string_agg(to_jsonb(t)::text, ',' ORDER BY class_unique_id)) FROM classes t"
                + range + ") || (SELECT md5(string_agg(to_jsonb(t)::text, ',' ORDER BY region_unique_id)) FROM regions t"
                + range + ")");
    }
}
