package dev.aoi.console;

import static dev.aoi.console.testing.Http.q;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.event.InspectionResult;
import dev.aoi.common.event.ModelInfo;
import dev.aoi.console.testing.ConsoleTestDatabase;
import dev.aoi.console.testing.FrameFixtures;
import dev.aoi.console.testing.Http;
import dev.aoi.console.testing.Results;
import dev.aoi.persister.bench.SyntheticResults;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The JSON/CSV API on a real PostgreSQL holding rows written by the persister's own writer: every filter against
 * the same answer computed from the results in Java, keyset paging while rows arrive, CSV streams, problems.
 */
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleApiIT {

    static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");
    static final ModelInfo MODEL_B = new ModelInfo("aoi-unet-v2", "b".repeat(64));
    static final int IMAGES = 60;
    static final ConsoleTestDatabase DB = ConsoleTestDatabase.create();
    static final String VIEWER_PASSWORD = DB.addUser("api-viewer", dev.aoi.console.users.Role.VIEWER);
    static final Path ROOT;
    static final Path OUTSIDE;
    static final List<InspectionResult> RESULTS = new ArrayList<>();

    static {
        try {
            ROOT = Files.createTempDirectory("console-it-root");
            OUTSIDE = Files.createTempDirectory("console-it-outside");
            SyntheticResults synthetic = new SyntheticResults(7);
            for (int n = 0; n < IMAGES; n++) {
                InspectionResult r = synthetic.result(String.format("it-%03d", n), n, n % 7, T0.plusSeconds(3600));
                Map<String, String> attrs = new LinkedHashMap<>();
                attrs.put("lot", "L" + (n / 20));
                attrs.put("panel", "P" + n);
                r = Results.with(r, T0.plus(Duration.ofHours(n)), "cam" + (n % 3), attrs);
                if (n % 5 == 0) {
                    r = new InspectionResult(1, r.imgUniqueId(), r.imageUri(), r.cameraId(), r.capturedAt(),
                            r.attributes(), r.imageWidth(), r.imageHeight(), r.processedAt(),
                            r.processingTimeSeconds(), r.workerId(), MODEL_B, r.resultImages(), r.classes());
                }
                if (n == 6) {
                    r = FrameFixtures.withFiles(r, ROOT);
                }
                if (n == 13) {
                    r = FrameFixtures.withFiles(r, OUTSIDE);
                }
                RESULTS.add(r);
            }
            DB.write(RESULTS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        DB.register(registry, ROOT);
    }

    @AfterAll
    static void close() {
        DB.close();
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    Http http() {
        return new Http("http://127.0.0.1:" + port).as("api-viewer", VIEWER_PASSWORD);
    }

    @Test
    void theListIsNewestFirstInSnakeCaseWithPerClassCounts() {
        JsonNode page = http().json("/api/v1/images?limit=5");
        assertThat(ids(page)).containsExactly("it-059", "it-058", "it-057", "it-056", "it-055");
        JsonNode first = page.get("items").get(0);
        InspectionResult r = RESULTS.get(59);
        assertThat(first.get("captured_at").asString()).isEqualTo(r.capturedAt().toString());
        assertThat(first.get("camera_id").asString()).isEqualTo(r.cameraId());
        assertThat(first.get("total_regions").asLong()).isEqualTo(Results.regions(r));
        assertThat(first.get("classes")).hasSize(4);
        assertThat(first.get("attributes").get("lot").asString()).isEqualTo("L2");
        assertThat(page.get("next_cursor").isNull()).isFalse();
        assertThat(page.get("prev_cursor").isNull()).isTrue();
    }

    @Test
    void everyImageFilterSelectsWhatTheResultsSay() {
        Instant from = T0.plus(Duration.ofHours(10));
        Instant to = T0.plus(Duration.ofHours(30));
        expect("from=" + from + "&to=" + to, r -> !r.capturedAt().isBefore(from) && r.capturedAt().isBefore(to));
        expect("from=2026-11-03", r -> !r.capturedAt().isBefore(Instant.parse("2026-11-03T00:00:00Z")));
        expect("camera_id=cam1", r -> r.cameraId().equals("cam1"));
        expect("model_sha256=" + "b".repeat(64), r -> r.model().sha256().equals("b".repeat(64)));
        expect("class_id=4", r -> Results.regionsOf(r, 4) >= 1);
        expect("class_id=1&min_regions=2", r -> Results.regionsOf(r, 1) >= 2);
        expect("min_regions=5", r -> Results.regions(r) >= 5);
        expect("min_regions=0", r -> true);
        expect("attr.lot=L1", r -> r.attributes().get("lot").equals("L1"));
        expect("attr.lot=L1&attr.panel=P25", r -> r.attributes().get("panel").equals("P25"));
        expect("attr.lot=nope", r -> false);
        expect("camera_id=cam2&class_id=3&attr.lot=L0",
                r -> r.cameraId().equals("cam2") && Results.regionsOf(r, 3) >= 1 && r.attributes().get("lot").equals("L0"));
    }

    private void expect(String query, Predicate<InspectionResult> filter) {
        List<String> expected = RESULTS.stream().filter(filter)
                .sorted((a, b) -> b.capturedAt().compareTo(a.capturedAt()))
                .map(InspectionResult::imgUniqueId).toList();
        assertThat(allPages("/api/v1/images?limit=7&" + query)).as(query).containsExactlyElementsOf(expected);
    }

    private List<String> allPages(String path) {
        List<String> seen = new ArrayList<>();
        JsonNode page = http().json(path);
        seen.addAll(ids(page));
        while (!page.get("next_cursor").isNull()) {
            page = http().json(path + "&cursor=" + q(page.get("next_cursor").asString()));
            seen.addAll(ids(page));
        }
        return seen;
    }

    @Test
    void pagingForwardWhileFramesArriveSkipsAndRepeatsNothingAndPagesBackExactly() {
        List<List<String>> pages = new ArrayList<>();
        JsonNode page = http().json("/api/v1/images?limit=8");
        pages.add(ids(page));
        SyntheticResults more = new SyntheticResults(99);
        int added = 0;
        while (!page.get("next_cursor").isNull()) {
            // a live line: newer frames, a late frame captured long ago, and a reprocess of a frame already listed
            List<InspectionResult> batch = new ArrayList<>();
            batch.add(Results.with(more.result("new-" + added, added, 3, T0), T0.plus(Duration.ofDays(30 + added)),
                    "cam0", Map.of("lot", "L9")));
            batch.add(Results.with(more.result("late-" + added, added, 2, T0), T0.minus(Duration.ofDays(1 + added)),
                    "cam0", Map.of("lot", "L9")));
            InspectionResult listed = RESULTS.get(59 - added);
            batch.add(new InspectionResult(1, listed.imgUniqueId(), listed.imageUri(), listed.cameraId(),
                    listed.capturedAt(), listed.attributes(), listed.imageWidth(), listed.imageHeight(),
                    listed.processedAt().plusSeconds(60 + added), listed.processingTimeSeconds(), listed.workerId(),
                    listed.model(), listed.resultImages(), listed.classes()));
            DB.write(batch);
            added++;
            page = http().json("/api/v1/images?limit=8&cursor=" + q(page.get("next_cursor").asString()));
            pages.add(ids(page));
        }
        List<String> all = pages.stream().flatMap(List::stream).toList();
        assertThat(new HashSet<>(all)).hasSize(all.size());
        List<String> original = new ArrayList<>(RESULTS.stream().map(InspectionResult::imgUniqueId).toList());
        java.util.Collections.reverse(original);
        assertThat(all.stream().filter(original::contains).toList()).containsExactlyElementsOf(original);
        // late frames captured before the cursor's position are still ahead of it and so are listed, once
        assertThat(all.stream().filter(id -> id.startsWith("late-")).count()).isEqualTo(added);
        assertThat(all).noneMatch(id -> id.startsWith("new-"));

        // and back: prev_cursor from the last page walks back to the same pages
        JsonNode back = http().json("/api/v1/images?limit=8&cursor=" + q(page.get("prev_cursor").asString()));
        assertThat(ids(back)).containsExactlyElementsOf(pages.get(pages.size() - 2));

        DB.execute("DELETE FROM images WHERE img_unique_id LIKE 'new-%' OR img_unique_id LIKE 'late-%'");
    }

    @Test
    void regionsSearchFiltersAndPages() {
        List<String> expected = new ArrayList<>();
        RESULTS.stream().sorted((a, b) -> b.capturedAt().compareTo(a.capturedAt()))
                .filter(r -> r.cameraId().equals("cam0"))
                .forEach(r -> r.classes().stream().filter(c -> c.classId() == 2)
                        .flatMap(c -> c.regions().stream().filter(x -> x.areaPixels() >= 100 && x.areaPixels() <= 2000)
                                .map(x -> r.imgUniqueId() + "_c2_r" + x.regionId()))
                        .sorted((a, b) -> b.compareTo(a)).forEach(expected::add));
        List<String> seen = new ArrayList<>();
        String path = "/api/v1/regions?limit=3&camera_id=cam0&class_id=2&min_area=100&max_area=2000";
        JsonNode page = http().json(path);
        page.get("items").forEach(i -> seen.add(i.get("region_unique_id").asString()));
        while (!page.get("next_cursor").isNull()) {
            page = http().json(path + "&cursor=" + q(page.get("next_cursor").asString()));
            page.get("items").forEach(i -> seen.add(i.get("region_unique_id").asString()));
        }
        assertThat(expected).isNotEmpty();
        assertThat(seen).containsExactlyElementsOf(expected);
        JsonNode one = http().json("/api/v1/regions?limit=1&from=" + T0.plus(Duration.ofHours(40)) + "&to="
                + T0.plus(Duration.ofHours(41)));
        // it-040 has 5 regions (two of class 1); region ids descend within a frame: c4_r1 comes first
        assertThat(one.get("items").get(0).get("region_unique_id").asString()).isEqualTo("it-040_c4_r1");
        assertThat(one.get("items").get(0).get("class_name").asString()).isEqualTo("Env_Particle");
    }

    @Test
    void oneFrameHasItsClassesRegionsAndFileLinks() {
        JsonNode frame = http().json("/api/v1/images/it-006");
        assertThat(frame.get("image").get("classes")).hasSize(4);
        assertThat(frame.get("regions").get("items")).hasSize(6);
        assertThat(frame.get("regions").get("items").get(0).get("region_unique_id").asString()).isEqualTo("it-006_c1_r1");
        // the worker wrote the class map only: the overlay and the defect sheet are the console's to draw
        assertThat(frame.get("files").findValuesAsString("kind"))
                .containsExactly("frame", "class_map", "overlay", "defect_sheet");
        assertThat(frame.get("files").findValuesAsString("url")).contains("/api/v1/images/it-006/overlay",
                "/api/v1/images/it-006/defect-sheet");
        HttpResponse<String> missing = http().get("/api/v1/images/nope", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void filesAndCropsAreServedFromTheRootsOnly() throws Exception {
        HttpResponse<byte[]> input = http().bytes("/api/v1/images/it-006/files/input");
        assertThat(input.statusCode()).isEqualTo(200);
        assertThat(ImageIO.read(new ByteArrayInputStream(input.body())).getWidth()).isEqualTo(1792);
        var region = RESULTS.get(6).classes().get(0).regions().get(0);
        HttpResponse<byte[]> crop = http().bytes("/api/v1/regions/it-006_c1_r1/crop?margin=10");
        assertThat(crop.statusCode()).isEqualTo(200);
        BufferedImage cut = ImageIO.read(new ByteArrayInputStream(crop.body()));
        int expectedWidth = Math.min(1792, region.bboxX() + region.bboxWidth() + 10) - Math.max(0, region.bboxX() - 10);
        assertThat(cut.getWidth()).isEqualTo(expectedWidth);
        // the crop's centre is the region's class colour (red for class 1), painted by the fixture
        int rgb = cut.getRGB(region.bboxX() - Math.max(0, region.bboxX() - 10) + region.bboxWidth() / 2,
                region.bboxY() - Math.max(0, region.bboxY() - 10) + region.bboxHeight() / 2);
        assertThat(rgb & 0xFFFFFF).isEqualTo(0xFF0000);
        HttpResponse<byte[]> overlay = http().bytes("/api/v1/images/it-006/classes/1/overlay");
        BufferedImage mask = ImageIO.read(new ByteArrayInputStream(overlay.body()));
        assertThat(mask.getRGB(region.bboxX(), region.bboxY()) >>> 24).isGreaterThan(0);
        assertThat(mask.getRGB(0, 0) >>> 24).isZero();
        assertThat(http().bytes("/api/v1/images/it-006/thumbnail").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> drawn = http().bytes("/api/v1/images/it-006/overlay");
        assertThat(drawn.statusCode()).isEqualTo(200);
        assertThat(drawn.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(ImageIO.read(new ByteArrayInputStream(drawn.body())).getWidth()).isEqualTo(1792);
        assertThat(http().bytes("/api/v1/images/it-006/defect-sheet").statusCode()).isEqualTo(200);
        assertThat(http().bytes("/api/v1/regions/it-006_c1_r1/crop?source=overlay").statusCode()).isEqualTo(200);
        assertThat(http().bytes("/api/v1/images/it-013/overlay").statusCode()).isEqualTo(403);

        assertThat(http().bytes("/api/v1/images/it-013/files/input").statusCode()).isEqualTo(403);
        assertThat(http().bytes("/api/v1/regions/it-013_c1_r1/crop").statusCode()).isEqualTo(403);
        assertThat(http().bytes("/api/v1/images/it-006/files/..%2F..%2Fetc%2Fpasswd").statusCode()).isIn(400, 404);
        assertThat(http().bytes("/api/v1/images/it-007/files/input").statusCode()).isEqualTo(403);
    }

    @Test
    void statsAnswerTrendParetoCamerasAndWorst() {
        String range = "from=" + T0 + "&to=" + T0.plus(Duration.ofDays(3));
        JsonNode trend = http().json("/api/v1/stats/trend?bucket=day&" + range);
        long c1day0 = RESULTS.stream().filter(r -> r.capturedAt().isBefore(T0.plus(Duration.ofDays(1))))
                .mapToLong(r -> Results.regionsOf(r, 1)).sum();
        JsonNode first = trend.get("items").get(0);
        assertThat(first.get("bucket").asString()).isEqualTo(T0.toString());
        assertThat(first.get("class_id").asInt()).isEqualTo(1);
        assertThat(first.get("regions").asLong()).isEqualTo(c1day0);
        assertThat(http().json("/api/v1/stats/trend?bucket=hour&" + range).get("items")).hasSize(IMAGES * 4);
        // the daily rollups answer the same day-bucket trend (and keep answering past the raw rows' retention)
        assertThat(http().json("/api/v1/stats/daily?" + range).get("items")).isEqualTo(trend.get("items"));
        assertThat(http().json("/api/v1/stats/daily?" + range + "&camera_id=cam1").get("items"))
                .isEqualTo(http().json("/api/v1/stats/trend?bucket=day&camera_id=cam1&" + range).get("items"))
                .isNotEmpty();

        JsonNode pareto = http().json("/api/v1/stats/pareto?" + range).get("items");
        long total = RESULTS.stream().mapToLong(Results::regions).sum();
        long top = pareto.get(0).get("regions").asLong();
        assertThat(pareto.get(3).get("cumulative_share").asDouble()).isEqualTo(1.0);
        assertThat(pareto.get(0).get("share").asDouble()).isEqualTo((double) top / total);
        assertThat(top).isGreaterThanOrEqualTo(pareto.get(1).get("regions").asLong());

        JsonNode cameras = http().json("/api/v1/stats/cameras?" + range).get("items");
        assertThat(cameras).hasSize(3);
        long cam0 = RESULTS.stream().filter(r -> r.cameraId().equals("cam0")).count();
        long cam0Defective = RESULTS.stream().filter(r -> r.cameraId().equals("cam0") && Results.regions(r) > 0).count();
        assertThat(cameras.get(0).get("frames").asLong()).isEqualTo(cam0);
        assertThat(cameras.get(0).get("frames_with_defect").asLong()).isEqualTo(cam0Defective);

        JsonNode worst = http().json("/api/v1/stats/worst-images?n=3&" + range).get("items");
        assertThat(worst.get(0).get("defects").asLong()).isEqualTo(6);
        assertThat(worst.get(0).get("img_unique_id").asString()).isEqualTo("it-055");
        JsonNode lots = http().json("/api/v1/stats/worst-lots?" + range).get("items");
        assertThat(lots).hasSize(3);
        assertThat(lots.get(0).get("frames").asLong()).isEqualTo(20);
    }

    @Test
    void everyListStreamsAsCsv() {
        HttpResponse<String> images = http().get("/api/v1/images?camera_id=cam1", "text/csv");
        assertThat(images.statusCode()).isEqualTo(200);
        assertThat(images.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] lines = images.body().split("\r\n");
        assertThat(lines[0]).startsWith("img_unique_id,captured_at,camera_id");
        assertThat(lines).hasSize(1 + (int) RESULTS.stream().filter(r -> r.cameraId().equals("cam1")).count());
        assertThat(lines[1]).contains("\"{\"\"lot\"\":\"\"L2\"\",\"\"panel\"\":\"\"P58\"\"}\"");
        long regions = RESULTS.stream().mapToLong(Results::regions).sum();
        assertThat(http().get("/api/v1/regions?format=csv", null).body().split("\r\n")).hasSize(1 + (int) regions);
        assertThat(http().get("/api/v1/images/it-006/regions?format=csv", null).body().split("\r\n")).hasSize(7);
        for (String stats : List.of("trend", "pareto", "cameras", "worst-images", "worst-lots")) {
            HttpResponse<String> csv = http().get("/api/v1/stats/" + stats + "?format=csv&from=" + T0 + "&to="
                    + T0.plus(Duration.ofDays(3)), null);
            assertThat(csv.statusCode()).as(stats).isEqualTo(200);
            assertThat(csv.body().split("\r\n").length).as(stats).isGreaterThan(1);
        }
    }

    @Test
    void badFiltersAre400ProblemsThatNameTheParameter() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("/api/v1/images?from=yesterday", "from");
        cases.put("/api/v1/images?to=2026-13-01", "to");
        cases.put("/api/v1/images?camra_id=cam1", "camra_id");
        cases.put("/api/v1/images?limit=501", "limit");
        cases.put("/api/v1/images?limit=0", "limit");
        cases.put("/api/v1/images?cursor=garbage", "cursor");
        cases.put("/api/v1/images?model_sha256=xyz", "model_sha256");
        cases.put("/api/v1/images?class_id=one", "class_id");
        cases.put("/api/v1/images?min_regions=-1", "min_regions");
        cases.put("/api/v1/images?attr.lot=", "attr.lot");
        cases.put("/api/v1/images?from=2026-11-05&to=2026-11-01", "to");
        cases.put("/api/v1/images?format=xml", "format");
        cases.put("/api/v1/regions?min_area=10&max_area=5", "max_area");
        cases.put("/api/v1/stats/trend?bucket=week", "bucket");
        cases.put("/api/v1/stats/worst-images?n=0", "n");
        cases.put("/api/v1/regions/it-006_c1_r1/crop?source=disk", "source");
        cases.forEach((path, parameter) -> {
            HttpResponse<String> response = http().get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            JsonNode problem = Http.parse(response.body());
            assertThat(problem.get("parameter").asString()).as(path).isEqualTo(parameter);
            assertThat(problem.get("detail").asString()).as(path).contains(parameter);
        });
    }

    @Test
    void openApiDocumentsTheEndpointsAndTheUiBrowsesIt() {
        JsonNode doc = http().json("/v3/api-docs");
        Set<String> paths = new HashSet<>();
        doc.get("paths").propertyNames().forEach(paths::add);
        assertThat(paths).contains("/api/v1/images", "/api/v1/images/{imgUniqueId}", "/api/v1/regions",
                "/api/v1/stats/trend", "/api/v1/stats/pareto", "/api/v1/stats/cameras",
                "/api/v1/stats/worst-images", "/api/v1/stats/worst-lots", "/api/v1/regions/{regionUniqueId}/crop");
        HttpResponse<String> ui = http().get("/swagger-ui/index.html", null);
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
    }

    @Test
    void probesAndPerEndpointLatencyMetersAreOnTheManagementPort() {
        http().json("/api/v1/images?limit=1");
        Http management = new Http("http://127.0.0.1:" + managementPort);
        assertThat(management.get("/actuator/health/readiness", null).body()).contains("UP");
        assertThat(management.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        String prometheus = management.get("/actuator/prometheus", null).body();
        assertThat(prometheus).contains("http_server_requests_seconds_bucket").contains("uri=\"/api/v1/images\"");
        assertThat(http().get("/actuator/prometheus", null).statusCode()).isEqualTo(404);
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(i -> out.add(i.get("img_unique_id").asString()));
        return out;
    }
}
