package dev.aoi.persister.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.event.ClassResult;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.common.event.RegionResult;
import dev.aoi.persister.bench.SyntheticResults;
import dev.aoi.persister.testing.MigratedDatabase;
import dev.aoi.persister.testing.Results;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The invariants of docs/database.md against a real PostgreSQL. */
class ResultBatchWriterIT {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00.123456Z");
    private final SyntheticResults synthetic = new SyntheticResults(7);
    private MigratedDatabase db;
    private ResultBatchWriter writer;

    @BeforeEach
    void setUp() {
        db = MigratedDatabase.create();
        writer = new ResultBatchWriter(db.dataSource());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void replayingTheSameThousandResultsLeavesIdenticalTables() throws Exception {
        List<InspectionResult> results = synthetic.results(1000, 20, T0);
        writeInBatches(results, 300);
        String first = db.checksum();
        assertThat(db.count("images")).isEqualTo(1000);
        assertThat(db.count("classes")).isEqualTo(4000);
        assertThat(db.count("regions")).isEqualTo(20000);

        List<BatchOutcome> replay = writeInBatches(results, 170);
        assertThat(db.checksum()).isEqualTo(first);
        assertThat(replay).allSatisfy(o -> assertThat(o.rowsWritten()).isZero());
        assertThat(replay.stream().mapToInt(BatchOutcome::unchanged).sum()).isEqualTo(1000);
    }

    @Test
    void aNewerResultWithFewerRegionsLeavesNoneOfTheOldOnes() throws Exception {
        String id = SyntheticResults.imageId(1);
        writer.write(List.of(synthetic.result(id, 1, 20, T0)));
        assertThat(db.count("regions")).isEqualTo(20);

        InspectionResult reprocessed = synthetic.result(id, 2, 3, T0.plusSeconds(60));
        BatchOutcome outcome = writer.write(List.of(reprocessed));

        assertThat(outcome.imagesStored()).isEqualTo(1);
        assertThat(db.count("regions")).isEqualTo(3);
        assertThat(db.count("classes")).isEqualTo(4);
        assertThat(db.query("SELECT string_agg(region_unique_id, ',' ORDER BY region_unique_id) FROM regions"))
                .isEqualTo(id + "_c1_r1," + id + "_c2_r1," + id + "_c3_r1");
        assertThat(db.query("SELECT sum(total_regions) FROM classes")).isEqualTo("3");
        assertThat(db.query("SELECT processed_at = '" + T0.plusSeconds(60) + "'::timestamptz FROM images")).isEqualTo("t");
    }

    @Test
    void anOlderResultAfterANewerOneChangesNothing() throws Exception {
        String id = SyntheticResults.imageId(5);
        writer.write(List.of(synthetic.result(id, 1, 8, T0.plusSeconds(60))));
        String before = db.checksum();

        BatchOutcome outcome = writer.write(List.of(synthetic.result(id, 2, 12, T0)));

        assertThat(outcome.unchanged()).isEqualTo(1);
        assertThat(outcome.rowsWritten()).isZero();
        assertThat(db.checksum()).isEqualTo(before);
    }

    @Test
    void severalResultsForOneImageInOneBatchCollapseToTheNewest() throws Exception {
        String id = SyntheticResults.imageId(9);
        InspectionResult newest = synthetic.result(id, 3, 5, T0.plusSeconds(120));
        List<InspectionResult> batch = List.of(
                synthetic.result(id, 1, 20, T0),
                newest,
                synthetic.result(id, 2, 10, T0.plusSeconds(60)),
                synthetic.result(SyntheticResults.imageId(10), 4, 2, T0));

        BatchOutcome outcome = writer.write(batch);

        assertThat(outcome.superseded()).isEqualTo(2);
        assertThat(outcome.imagesStored()).isEqualTo(2);
        assertThat(db.query("SELECT count(*) FROM regions WHERE img_unique_id = '" + id + "'")).isEqualTo("5");

        try (MigratedDatabase alone = MigratedDatabase.create()) {
            new ResultBatchWriter(alone.dataSource()).write(List.of(newest, synthetic.result(SyntheticResults.imageId(10), 4, 2, T0)));
            assertThat(db.checksum()).isEqualTo(alone.checksum());
        }
    }

    @Test
    void aPoisonResultInTheMiddleOfABatchIsIsolatedAndTheRestIsStored() throws Exception {
        List<InspectionResult> batch = new ArrayList<>(synthetic.results(41, 6, T0));
        InspectionResult good = batch.get(20);
        // Two regions numbered 1 in one class: a valid event, but the region ids collide in the table (23505).
        ClassResult first = good.classes().get(0);
        List<RegionResult> twice = List.of(first.regions().get(0), first.regions().get(0));
        List<ClassResult> classes = new ArrayList<>(good.classes());
        classes.set(0, ClassResult.of(first.classId(), first.className(), twice));
        batch.set(20, withClasses(good, classes));
        // A class name longer than its column (22001).
        InspectionResult other = batch.get(33);
        List<ClassResult> longName = new ArrayList<>(other.classes());
        ClassResult c = longName.get(1);
        longName.set(1, ClassResult.of(c.classId(), "x".repeat(101), c.regions()));
        batch.set(33, withClasses(other, longName));

        BatchOutcome outcome = writer.write(batch);

        assertThat(outcome.rejected()).extracting(Rejection::result)
                .containsExactlyInAnyOrder(batch.get(20), batch.get(33));
        assertThat(outcome.rejected()).extracting(Rejection::sqlState).containsExactlyInAnyOrder("23505", "22001");
        assertThat(outcome.imagesStored()).isEqualTo(39);
        assertThat(db.count("images")).isEqualTo(39);
        assertThat(db.count("classes")).isEqualTo(39 * 4);
        assertThat(db.query("SELECT count(*) FROM images WHERE img_unique_id IN ('"
                + good.imgUniqueId() + "','" + other.imgUniqueId() + "')")).isEqualTo("0");
    }

    @Test
    void theLongestImageIdFitsWithItsDerivedIds() throws Exception {
        String id = "a".repeat(255);
        writer.write(List.of(synthetic.result(id, 1, 12, T0)));
        assertThat(db.query("SELECT max(length(region_unique_id)) FROM regions")).isEqualTo(String.valueOf(255 + 6));
    }

    @Test
    void deletingAnImageCascadesToItsClassesAndRegions() throws Exception {
        writer.write(synthetic.results(3, 10, T0));
        db.execute("DELETE FROM images WHERE img_unique_id = '" + SyntheticResults.imageId(1) + "'");
        assertThat(db.count("classes")).isEqualTo(8);
        assertThat(db.count("regions")).isEqualTo(20);
    }

    @Test
    void aReprocessFromAWorkerWhoseClockIsBehindWinsByItsSourceOffsetInABatchAndAcrossBatches() throws Exception {
        String id = SyntheticResults.imageId(21);
        // the first run: record 100 of aoi.images, a worker with a correct clock
        InspectionResult first = synthetic.result(id, 1, 8, T0).withSourceOffset(100);
        // the frame published again (a replay of images: record 5000), processed by a worker an hour behind
        InspectionResult reprocess = synthetic.result(id, 2, 3, T0.minusSeconds(3600)).withSourceOffset(5000);
        writer.write(List.of(first));
        BatchOutcome across = writer.write(List.of(reprocess));
        assertThat(across.imagesStored()).isEqualTo(1);
        assertThat(db.query("SELECT count(*) || ' ' || min(source_offset) FROM regions r JOIN images i"
                + " USING (img_unique_id, captured_at)")).isEqualTo("3 5000");
        // the first run's result arriving late (a redelivery) changes nothing
        assertThat(writer.write(List.of(first)).unchanged()).isEqualTo(1);

        try (MigratedDatabase other = MigratedDatabase.create()) {
            // in one batch, in either order, the same result wins
            ResultBatchWriter w = new ResultBatchWriter(other.dataSource());
            w.write(List.of(reprocess, first));
            assertThat(other.checksum()).isEqualTo(db.checksum());
            w.write(List.of(first, reprocess));
            assertThat(other.checksum()).isEqualTo(db.checksum());
        }
        // the same record processed twice (equal offsets): the later processed_at decides; results without an
        // offset (offline tools, older workers) are older than any with one
        InspectionResult again = synthetic.result(id, 3, 5, T0.plusSeconds(1)).withSourceOffset(5000);
        assertThat(writer.write(List.of(again)).imagesStored()).isEqualTo(1);
        assertThat(writer.write(List.of(synthetic.result(id, 4, 9, T0.plusSeconds(99_999)))).unchanged()).isEqualTo(1);
        assertThat(db.count("regions")).isEqualTo(5);
    }

    @Test
    void aFrameResentWithAnotherCaptureTimeStaysOneImageInTheMonthOfTheWinningResult() throws Exception {
        new dev.aoi.persister.lifecycle.Partitions(db.dataSource())
                .create(dev.aoi.persister.lifecycle.Month.parse("2026-06"));
        String id = SyntheticResults.imageId(30);
        InspectionResult june = Results.capturedAt(synthetic.result(id, 1, 8, T0), Instant.parse("2026-06-15T10:00:00Z"));
        writer.write(List.of(june));
        InspectionResult november = synthetic.result(id, 2, 4, T0.plusSeconds(60));
        writer.write(List.of(november));
        assertThat(db.query("SELECT count(*) || ' ' || min(captured_at) FROM images WHERE img_unique_id = '" + id + "'"))
                .isEqualTo("1 " + db.query("SELECT '" + november.capturedAt() + "'::timestamptz"));
        assertThat(db.count("images_p2026_06")).isZero();
        assertThat(db.count("regions_p2026_06")).isZero();
        assertThat(db.count("regions")).isEqualTo(4);
        assertThat(db.query("SELECT captured_at = '" + november.capturedAt() + "' FROM image_keys")).isEqualTo("t");
        // the older result with the June capture time, arriving late, changes nothing
        assertThat(writer.write(List.of(june)).unchanged()).isEqualTo(1);
        assertThat(db.count("images")).isEqualTo(1);
        assertThat(db.query("SELECT sum(frames) FROM daily_rollups WHERE class_id = 1")).isEqualTo("1");
    }

    @Test
    void theDailyRollupsEqualTheAggregationOfTheStoredRowsAfterWritesReplaysAndReprocesses() throws Exception {
        List<InspectionResult> results = synthetic.results(300, 7, T0);
        writeInBatches(results, 70);
        writeInBatches(results.subList(0, 100), 100);
        List<InspectionResult> reprocessed = new ArrayList<>();
        for (int n = 50; n < 200; n++) {
            InspectionResult r = synthetic.result(SyntheticResults.imageId(n), 10_000 + n, n % 4, T0.plusSeconds(30));
            // another model, another camera day for some: rows move between rollup keys
            reprocessed.add(n % 3 == 0 ? Results.capturedAt(r, r.capturedAt().plusSeconds(86_400)) : r);
        }
        writeInBatches(reprocessed, 40);
        dev.aoi.persister.lifecycle.DailyRollups rollups = new dev.aoi.persister.lifecycle.DailyRollups(db.dataSource());
        java.time.LocalDate from = java.time.LocalDate.of(2026, 10, 1);
        java.time.LocalDate to = java.time.LocalDate.of(2027, 1, 1);
        var stored = rollups.rows(from, to, null, null);
        assertThat(stored).hasSizeGreaterThan(8);
        assertThat(stored).isEqualTo(rollups.recompute(from, to));
        assertThat(stored.stream().filter(r -> r.classId() != 0)
                .mapToLong(dev.aoi.persister.lifecycle.DailyRollups.Row::frames).sum()).isEqualTo(300 * 4);
        // class 0 counts each frame once: 37 of the reprocessed frames have no region at all (n % 4 == 0)
        assertThat(stored.stream().filter(r -> r.classId() == 0)
                .mapToLong(dev.aoi.persister.lifecycle.DailyRollups.Row::frames).sum()).isEqualTo(300);
        assertThat(stored.stream().filter(r -> r.classId() == 0)
                .mapToLong(dev.aoi.persister.lifecycle.DailyRollups.Row::framesWithDefect).sum()).isEqualTo(300 - 37);
    }

    private List<BatchOutcome> writeInBatches(List<InspectionResult> results, int size) throws Exception {
        List<BatchOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < results.size(); i += size) {
            outcomes.add(writer.write(results.subList(i, Math.min(results.size(), i + size))));
        }
        return outcomes;
    }

    static InspectionResult withClasses(InspectionResult r, List<ClassResult> classes) {
        return new InspectionResult(r.schemaVersion(), r.imgUniqueId(), r.imageUri(), r.cameraId(), r.capturedAt(),
                r.attributes(), r.imageWidth(), r.imageHeight(), r.processedAt(), r.processingTimeSeconds(),
                r.workerId(), r.model(), r.resultImages(), classes);
    }

}
