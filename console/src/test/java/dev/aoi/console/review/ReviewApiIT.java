package dev.aoi.console.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.event.InspectionResult;
import dev.aoi.common.event.ModelInfo;
import dev.aoi.console.ConsoleApplication;
import dev.aoi.console.testing.ConsoleTestDatabase;
import dev.aoi.console.testing.Http;
import dev.aoi.console.testing.Results;
import dev.aoi.console.users.Passwords;
import dev.aoi.console.users.Role;
import dev.aoi.persister.bench.SyntheticResults;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Verdicts on a real PostgreSQL holding rows written by the persister's own writer: optimistic locking between
 * two sessions, soft delete and restore across every list and count, a reprocess that leaves verdicts alone,
 * password hashes that verify and never leave the server, throttled logins logged without the password.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReviewApiIT {

    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    static final ModelInfo MODEL_2 = new ModelInfo("aoi-unet-v2", "c".repeat(64));
    static final ConsoleTestDatabase DB = ConsoleTestDatabase.create();
    static final Map<String, String> PASSWORDS = Map.of(
            "vera", DB.addUser("vera", Role.VIEWER),
            "rita", DB.addUser("rita", Role.REVIEWER),
            "rolf", DB.addUser("rolf", Role.REVIEWER),
            "ada", DB.addUser("ada", Role.ADMIN),
            "tom", DB.addUser("tom", Role.REVIEWER),
            "gus", DB.addUser("gus", Role.VIEWER));
    static final List<InspectionResult> RESULTS = new ArrayList<>();

    static {
        SyntheticResults synthetic = new SyntheticResults(3);
        for (int n = 0; n < 8; n++) {
            InspectionResult r = synthetic.result(String.format("rv-%02d", n), n, 4, T0.plusSeconds(3600));
            RESULTS.add(Results.with(r, T0.plus(Duration.ofMinutes(n)), "cam" + (n % 2), Map.of("lot", "L1")));
        }
        DB.write(RESULTS);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        DB.register(registry, null);
    }

    @AfterAll
    static void close() {
        DB.close();
    }

    @LocalServerPort
    int port;

    Http as(String user) {
        return new Http("http://127.0.0.1:" + port).as(user, PASSWORDS.get(user));
    }

    static String region(int frame, int classId, int regionId) {
        return String.format("rv-%02d_c%d_r%d", frame, classId, regionId);
    }

    JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.parse(response.body());
    }

    @Test
    void twoSessionsEditingTheSameReviewTheSecondGets409WithTheCurrentRowAndNothingIsLost() {
        JsonNode first = created(as("rita").send("POST", "/api/v1/regions/" + region(0, 1, 1) + "/reviews",
                "{\"verdict\":\"defect\",\"comment\":\"clear particle\"}"));
        long id = first.get("id").asLong();
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("reviewed_by").asString()).isEqualTo("rita");
        assertThat(first.get("class_name").asString()).isEqualTo("PI_Particle");

        // both read version 1; rolf saves first, rita's save on version 1 is refused with rolf's row
        HttpResponse<String> rolf = as("rolf").send("PUT", "/api/v1/reviews/" + id,
                "{\"verdict\":\"false_call\",\"comment\":\"dust on the lens\",\"version\":1}");
        assertThat(rolf.statusCode()).isEqualTo(200);
        assertThat(Http.parse(rolf.body()).get("version").asInt()).isEqualTo(2);
        HttpResponse<String> rita = as("rita").send("PUT", "/api/v1/reviews/" + id,
                "{\"verdict\":\"unsure\",\"version\":1}");
        assertThat(rita.statusCode()).isEqualTo(409);
        JsonNode current = Http.parse(rita.body()).get("current");
        assertThat(current.get("verdict").asString()).isEqualTo("false_call");
        assertThat(current.get("version").asInt()).isEqualTo(2);
        assertThat(current.get("reviewed_by").asString()).isEqualTo("rolf");
        assertThat(as("vera").json("/api/v1/reviews/" + id).get("comment").asString()).isEqualTo("dust on the lens");

        // with the version she was shown, rita's change goes through; every value is in the history
        assertThat(as("rita").send("PUT", "/api/v1/reviews/" + id, "{\"verdict\":\"unsure\",\"version\":2}")
                .statusCode()).isEqualTo(200);
        JsonNode history = Http.parse(as("vera").get("/api/v1/reviews/" + id + "/history", null).body());
        assertThat(history).hasSize(3);
        assertThat(history.get(0).get("action").asString()).isEqualTo("create");
        assertThat(history.get(0).get("verdict").asString()).isEqualTo("defect");
        assertThat(history.get(1).get("previous_verdict").asString()).isEqualTo("defect");
        assertThat(history.get(1).get("verdict").asString()).isEqualTo("false_call");
        assertThat(history.get(1).get("changed_by").asString()).isEqualTo("rolf");
        assertThat(history.get(2).get("previous_verdict").asString()).isEqualTo("false_call");
        assertThat(history.get(2).get("previous_comment").asString()).isEqualTo("dust on the lens");
        assertThat(history.get(2).get("version").asInt()).isEqualTo(3);
    }

    @Test
    void twoReviewersRacingOnOneRegionGetOne201AndOne409() {
        String path = "/api/v1/regions/" + region(1, 2, 1) + "/reviews";
        CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(
                () -> as("rita").send("POST", path, "{\"verdict\":\"defect\"}"));
        CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(
                () -> as("rolf").send("POST", path, "{\"verdict\":\"false_call\"}"));
        List<Integer> codes = List.of(a.join().statusCode(), b.join().statusCode());
        assertThat(codes).containsExactlyInAnyOrder(201, 409);
        HttpResponse<String> loser = a.join().statusCode() == 409 ? a.join() : b.join();
        HttpResponse<String> winner = a.join().statusCode() == 201 ? a.join() : b.join();
        assertThat(Http.parse(loser.body()).get("current").get("id").asLong())
                .isEqualTo(Http.parse(winner.body()).get("id").asLong());
        assertThat(as("vera").json("/api/v1/reviews?img_unique_id=rv-01").get("items")).hasSize(1);
    }

    @Test
    void softDeletedReviewsAreInvisibleToEveryListAndCountAndComeBackWhenRestored() {
        long keep = created(as("tom").send("POST", "/api/v1/regions/" + region(2, 1, 1) + "/reviews",
                "{\"verdict\":\"defect\"}")).get("id").asLong();
        long gone = created(as("tom").send("POST", "/api/v1/regions/" + region(2, 2, 1) + "/reviews",
                "{\"verdict\":\"false_call\"}")).get("id").asLong();
        String sha = RESULTS.get(2).model().sha256();
        long reviewedBefore = reviewedOf(sha);
        long unreviewedOfFrame = unreviewedInQueue("rv-02");

        assertThat(as("tom").send("DELETE", "/api/v1/reviews/" + gone, null).statusCode()).isEqualTo(200);

        assertThat(reviewIds("/api/v1/reviews?img_unique_id=rv-02", "vera")).containsExactly(keep);
        assertThat(as("vera").get("/api/v1/reviews/" + gone, null).statusCode()).isEqualTo(404);
        assertThat(as("vera").get("/api/v1/reviews/" + gone + "/history", null).statusCode()).isEqualTo(404);
        assertThat(reviewedOf(sha)).isEqualTo(reviewedBefore - 1);
        assertThat(unreviewedInQueue("rv-02")).isEqualTo(unreviewedOfFrame + 1);
        assertThat(as("tom").get("/api/v1/reviews?img_unique_id=rv-02&include_deleted=true", null).statusCode())
                .isEqualTo(403);
        assertThat(reviewIds("/api/v1/reviews?img_unique_id=rv-02&include_deleted=true", "ada"))
                .containsExactlyInAnyOrder(keep, gone);
        JsonNode deleted = as("ada").json("/api/v1/reviews/" + gone + "?include_deleted=true");
        assertThat(deleted.get("is_deleted").asBoolean()).isTrue();
        assertThat(deleted.get("deleted_by").asString()).isEqualTo("tom");
        // a deleted review cannot be changed or deleted again
        assertThat(as("tom").send("PUT", "/api/v1/reviews/" + gone, "{\"verdict\":\"defect\",\"version\":2}")
                .statusCode()).isEqualTo(404);

        assertThat(as("tom").send("POST", "/api/v1/reviews/" + gone + "/restore", null).statusCode()).isEqualTo(403);
        HttpResponse<String> restored = as("ada").send("POST", "/api/v1/reviews/" + gone + "/restore", null);
        assertThat(restored.statusCode()).isEqualTo(200);
        assertThat(Http.parse(restored.body()).get("verdict").asString()).isEqualTo("false_call");
        assertThat(reviewIds("/api/v1/reviews?img_unique_id=rv-02", "vera")).containsExactlyInAnyOrder(keep, gone);
        assertThat(reviewedOf(sha)).isEqualTo(reviewedBefore);
        assertThat(unreviewedInQueue("rv-02")).isEqualTo(unreviewedOfFrame);
        List<String> actions = new ArrayList<>();
        Http.parse(as("vera").get("/api/v1/reviews/" + gone + "/history", null).body())
                .forEach(h -> actions.add(h.get("action").asString()));
        assertThat(actions).containsExactly("create", "delete", "restore");
    }

    @Test
    void aReprocessOfTheImageLeavesItsReviewsIntact() throws Exception {
        JsonNode before = created(as("rita").send("POST", "/api/v1/regions/" + region(3, 1, 1) + "/reviews",
                "{\"verdict\":\"defect\",\"comment\":\"keep me\"}"));
        long id = before.get("id").asLong();
        String oldSha = RESULTS.get(3).model().sha256();
        JsonNode precisionBefore = precisionRow(oldSha, 1);

        // a newer result with another model and no regions at all replaces the frame's classes and regions
        InspectionResult old = RESULTS.get(3);
        InspectionResult reprocessed = new InspectionResult(1, old.imgUniqueId(), old.imageUri(), old.cameraId(),
                old.capturedAt(), old.attributes(), old.imageWidth(), old.imageHeight(),
                old.processedAt().plusSeconds(3600), 0.1, "worker-2", MODEL_2, old.resultImages(),
                new SyntheticResults(99).result(old.imgUniqueId(), 42, 2, old.processedAt()).classes());
        DB.write(List.of(reprocessed));
        assertThat(as("vera").json("/api/v1/images/rv-03").get("image").get("model_sha256").asString())
                .isEqualTo(MODEL_2.sha256());

        JsonNode after = as("vera").json("/api/v1/reviews/" + id);
        for (String field : List.of("verdict", "comment", "version", "reviewed_by", "reviewed_at", "bbox_x",
                "bbox_y", "bbox_width", "bbox_height", "area_pixels", "model_sha256", "class_id", "region_id")) {
            assertThat(after.get(field)).as(field).isEqualTo(before.get(field));
        }
        assertThat(precisionRow(oldSha, 1)).isEqualTo(precisionBefore);
        // the new model's regions are not reviewed yet: the frame is back in the queue with all of them
        assertThat(unreviewedInQueue("rv-03")).isEqualTo(2);
    }

    @Test
    void passwordHashesVerifyAndNoEndpointEverReturnsOne() throws Exception {
        String hash = DB.users().credentials("vera").orElseThrow().passwordHash();
        assertThat(hash).startsWith("{bcrypt}");
        assertThat(Passwords.encoder().matches(PASSWORDS.get("vera"), hash)).isTrue();
        assertThat(Passwords.encoder().matches(PASSWORDS.get("rita"), hash)).isFalse();

        String bcryptBody = hash.substring("{bcrypt}".length());
        for (String path : List.of("/api/v1/users", "/api/v1/users/vera", "/api/v1/reviews",
                "/api/v1/stats/reviews", "/v3/api-docs")) {
            HttpResponse<String> response = as("ada").get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).doesNotContain(bcryptBody).doesNotContain("password_hash")
                    .doesNotContain("$2a$");
        }
        JsonNode vera = as("ada").json("/api/v1/users/vera");
        assertThat(vera.get("role").asString()).isEqualTo("viewer");
        assertThat(vera.has("password")).isFalse();

        // the read-only role (Grafana, ad-hoc SQL) sees users' names but not their hashes
        try (Connection reader = reader()) {
            assertThat(query(reader, "SELECT count(*) FROM users WHERE username = 'vera'")).isEqualTo("1");
            assertThat(deniedOn(reader, "SELECT password_hash FROM users")).isTrue();
            assertThat(deniedOn(reader, "INSERT INTO users (username, password_hash, role)"
                    + " VALUES ('x', '{bcrypt}x', 'admin')")).isTrue();
        }
        // and the console's own role can never delete a verdict for real, nor write the pipeline's rows
        try (Connection console = DriverManager.getConnection(DB.url(), DB.readerUser(), DB.readerPassword())) {
            assertThat(deniedOn(console, "DELETE FROM region_reviews")).isTrue();
            assertThat(deniedOn(console, "DELETE FROM region_review_history")).isTrue();
            assertThat(deniedOn(console, "DELETE FROM regions")).isTrue();
        }
    }

    @Test
    void repeatedFailedLoginsAreThrottledAndLoggedWithoutThePassword(CapturedOutput output) {
        String wrong = "not-gus-password-" + System.nanoTime();
        Http guesser = new Http("http://127.0.0.1:" + port).as("gus", wrong);
        for (int n = 0; n < 5; n++) {
            assertThat(guesser.get("/api/v1/reviews", null).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = as("gus").get("/api/v1/reviews", null);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(output.getAll()).contains("login failed for user 'gus'").doesNotContain(wrong)
                .doesNotContain(PASSWORDS.get("gus"));
        // other users are not locked out by gus's guesser
        assertThat(as("vera").get("/api/v1/reviews", null).statusCode()).isEqualTo(200);
    }

    private List<Long> reviewIds(String path, String user) {
        List<Long> ids = new ArrayList<>();
        as(user).json(path).get("items").forEach(i -> ids.add(i.get("id").asLong()));
        return ids;
    }

    private long reviewedOf(String sha) {
        JsonNode row = precisionRow(sha, null);
        return row == null ? 0 : row.get("reviewed").asLong();
    }

    private JsonNode precisionRow(String sha, Integer classId) {
        for (JsonNode row : as("vera").json("/api/v1/stats/reviews").get("items")) {
            boolean classMatches = classId == null ? row.get("class_id").isNull()
                    : !row.get("class_id").isNull() && row.get("class_id").asInt() == classId;
            if (row.get("model_sha256").asString().equals(sha) && classMatches) {
                return row;
            }
        }
        return null;
    }

    private long unreviewedInQueue(String img) {
        for (JsonNode frame : as("vera").json("/api/v1/review-queue?limit=500").get("items")) {
            if (frame.get("img_unique_id").asString().equals(img)) {
                return frame.get("unreviewed").asLong();
            }
        }
        return 0;
    }

    private Connection reader() throws SQLException {
        String user = "grafana_" + System.nanoTime();
        DB.execute("CREATE ROLE " + user + " LOGIN PASSWORD 'reader-pass-1' IN ROLE aoi_reader");
        return DriverManager.getConnection(DB.url(), user, "reader-pass-1");
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean deniedOn(Connection c, String sql) {
        try (var s = c.createStatement()) {
            s.execute(sql);
            return false;
        } catch (SQLException e) {
            return "42501".equals(e.getSQLState());
        }
    }
}
