package dev.aoi.console.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aoi.common.event.InspectionResult;
import dev.aoi.console.images.ImageRepository;
import dev.aoi.console.regions.RegionRepository;
import dev.aoi.console.testing.ConsoleTestDatabase;
import dev.aoi.console.testing.FrameFixtures;
import dev.aoi.console.testing.Results;
import dev.aoi.imaging.ClassMap;
import dev.aoi.imaging.Frame;
import dev.aoi.imaging.FrameDecoder;
import dev.aoi.imaging.ResultPictures;
import dev.aoi.persister.bench.SyntheticResults;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * The overlay and defect sheet the console draws for a frame whose worker wrote only the class map are, byte for
 * byte, the ones the worker would have written from its own result; a reprocess is drawn anew; the worker's own
 * file wins when there is one. Real PostgreSQL, real files.
 */
class FramePicturesIT {

    static final ConsoleTestDatabase DB = ConsoleTestDatabase.create();
    static final Instant AT = Instant.parse("2026-11-20T00:00:00Z");

    @AfterAll
    static void close() {
        DB.close();
    }

    private static FrameFiles frameFiles(Path root, long cacheBytes) {
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(new JdbcTemplate(DB.reader().dataSource()));
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(DB.reader().dataSource()));
        return new FrameFiles(new ImageRepository(jdbc, tx), new RegionRepository(jdbc, tx),
                new FileRoots(List.of(root)), 24, new FramePictures(cacheBytes));
    }

    /** What the worker's ResultImageWriter would write for {@code r} from the same frame and class map. */
    private static byte[][] asTheWorkerPaintsThem(InspectionResult r) throws IOException {
        Path input = Path.of(URI.create(r.imageUri()));
        Frame frame = new FrameDecoder(FrameDecoder.DEFAULT_MAX_PIXELS).decode(Files.readAllBytes(input), "frame");
        ClassMap map = ResultPictures.readClassMap(Files.readAllBytes(Path.of(r.resultImages().get(0))));
        return new byte[][] {ResultPictures.overlayJpeg(frame, map, r.classes()),
            ResultPictures.defectSheetJpeg(frame, r.classes())};
    }

    @Test
    void drawnPicturesAreTheWorkersPicturesAndAReprocessIsNeverServedStale(@TempDir Path root)
            throws IOException {
        SyntheticResults synthetic = new SyntheticResults(11);
        // 60 regions: more than the sheet's 24 tiles, so the order by area (and its ties) decides what is drawn
        InspectionResult first = FrameFixtures.withFiles(synthetic.result("pic-1", 1, 60, AT), root.resolve("a"));
        DB.write(List.of(first));
        FrameFiles files = frameFiles(root, 64L << 20);

        byte[][] expected = asTheWorkerPaintsThem(first);
        byte[] overlay = files.picture("pic-1", FramePictures.Kind.OVERLAY);
        assertThat(overlay).as("overlay, drawn from the stored regions").isEqualTo(expected[0]);
        assertThat(files.picture("pic-1", FramePictures.Kind.DEFECT_SHEET)).isEqualTo(expected[1]);
        assertThat(files.picture("pic-1", FramePictures.Kind.OVERLAY)).as("from the cache").isEqualTo(overlay);

        // the same frame reprocessed by another model: fewer regions, a newer processed_at, new files
        InspectionResult again = FrameFixtures.withFiles(synthetic.result("pic-1", 2, 7, AT.plusSeconds(60)),
                root.resolve("b"));
        DB.write(List.of(again));
        byte[][] expectedAgain = asTheWorkerPaintsThem(again);
        assertThat(expectedAgain[0]).isNotEqualTo(expected[0]);
        assertThat(files.picture("pic-1", FramePictures.Kind.OVERLAY)).isEqualTo(expectedAgain[0]);
        assertThat(files.picture("pic-1", FramePictures.Kind.DEFECT_SHEET)).isEqualTo(expectedAgain[1]);
        // a region's crop from the overlay is cut from the drawn overlay
        String region = "pic-1_c1_r1";
        assertThat(files.crop(region, "overlay", 4)).isNotEmpty();
    }

    @Test
    void theWorkersOwnFileIsServedAndAFrameWithoutRegionsHasNone(@TempDir Path root)
            throws IOException {
        SyntheticResults synthetic = new SyntheticResults(12);
        InspectionResult written = FrameFixtures.withFiles(synthetic.result("pic-written", 1, 5, AT), root);
        Path overlayFile = Files.write(root.resolve("overlay.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 42});
        List<String> images = new ArrayList<>(written.resultImages());
        images.add(overlayFile.toString());
        written = Results.withFiles(written, written.imageUri(), images);
        InspectionResult clean = FrameFixtures.withFiles(synthetic.result("pic-clean", 2, 0, AT), root.resolve("c"));
        DB.write(List.of(written, clean));
        FrameFiles files = frameFiles(root, 0);

        assertThat(files.picture("pic-written", FramePictures.Kind.OVERLAY)).containsExactly(0xFF, 0xD8, 42);
        assertThatThrownBy(() -> files.picture("pic-clean", FramePictures.Kind.OVERLAY))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(404))
                .hasMessageContaining("no region");
        assertThatThrownBy(() -> files.picture("nope", FramePictures.Kind.DEFECT_SHEET))
                .isInstanceOf(ErrorResponseException.class);
    }

    @Test
    void theCacheHoldsAtMostItsBudget(@TempDir Path root) throws IOException {
        SyntheticResults synthetic = new SyntheticResults(13);
        List<InspectionResult> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(FrameFixtures.withFiles(synthetic.result("pic-cache-" + i, i, 20, AT), root.resolve("f" + i)));
        }
        DB.write(results);
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(new JdbcTemplate(DB.reader().dataSource()));
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(DB.reader().dataSource()));
        long one = frameFiles(root, 64L << 20).picture("pic-cache-0", FramePictures.Kind.OVERLAY).length;
        FramePictures bounded = new FramePictures(2 * one + one / 2);
        FrameFiles files = new FrameFiles(new ImageRepository(jdbc, tx), new RegionRepository(jdbc, tx),
                new FileRoots(List.of(root)), 24, bounded);
        for (int i = 0; i < 4; i++) {
            files.picture("pic-cache-" + i, FramePictures.Kind.OVERLAY);
            assertThat(bounded.cachedBytes()).isPositive().isLessThanOrEqualTo(2 * one + one / 2);
        }
    }
}
