package dev.aoi.console.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.common.event.InspectionResult;
import dev.aoi.console.db.ConsoleWriter;
import dev.aoi.console.testing.ConsoleTestDatabase;
import dev.aoi.console.testing.FrameFixtures;
import dev.aoi.console.testing.Results;
import dev.aoi.console.users.Role;
import dev.aoi.console.users.UsersCommand;
import dev.aoi.persister.bench.SyntheticResults;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./aoi users} and {@code ./aoi export reviews} against a real PostgreSQL, logged in as the console's own
 * database user (a member of aoi_console): users with hashed passwords from the password source, and the
 * verdicts of a range as crops plus CSV/JSONL manifests — still the reviewed box after a reprocess.
 */
class ReviewExportIT {

    static final ConsoleTestDatabase DB = ConsoleTestDatabase.create();

    @AfterAll
    static void close() {
        DB.close();
    }

    Map<String, String> env() {
        return Map.of("DATABASE_URL", DB.url(), "AOI_CONSOLE_DB_USER", DB.readerUser(),
                "AOI_CONSOLE_DB_PASSWORD", DB.readerPassword());
    }

    @Test
    void usersAreAddedWithAHashListedWithoutItChangedAndDisabled() {
        var store = (java.util.function.Supplier<dev.aoi.console.users.UserStore>) () -> new dev.aoi.console.users.UserStore(
                org.springframework.jdbc.core.simple.JdbcClient.create(dev.aoi.console.db.CommandLineDatabase.from(env())));
        java.io.StringWriter out = new java.io.StringWriter();
        var cli = UsersCommand.commandLine(store, user -> "first-password-" + user);
        cli.setOut(new java.io.PrintWriter(out, true));
        assertThat(cli.execute("add", "cli-ann", "--role", "reviewer")).isZero();
        assertThat(cli.execute("add", "cli-ann", "--role", "viewer")).isEqualTo(1);
        assertThat(cli.execute("list")).isZero();
        assertThat(out.toString()).contains("cli-ann").contains("reviewer").doesNotContain("bcrypt")
                .doesNotContain("first-password");
        String hash = DB.users().credentials("cli-ann").orElseThrow().passwordHash();
        assertThat(dev.aoi.console.users.Passwords.encoder().matches("first-password-cli-ann", hash)).isTrue();

        var again = UsersCommand.commandLine(store, user -> "second-password");
        assertThat(again.execute("passwd", "cli-ann")).isZero();
        assertThat(again.execute("disable", "cli-ann")).isZero();
        var stored = DB.users().credentials("cli-ann").orElseThrow();
        assertThat(dev.aoi.console.users.Passwords.encoder().matches("second-password", stored.passwordHash())).isTrue();
        assertThat(stored.user().disabled()).isTrue();
    }

    @Test
    void theVerdictsOfARangeBecomeCropsAndManifestsEvenAfterAReprocess() throws Exception {
        Path root = Files.createTempDirectory("export-root");
        Instant t0 = Instant.parse("2026-11-26T00:00:00Z");
        InspectionResult frame = FrameFixtures.withFiles(Results.with(new SyntheticResults(8).result("ex-0", 0, 2, t0),
                t0, "cam1", Map.of()), root);
        DB.write(List.of(frame));
        long ann = DB.users().add("ex-ann", Role.REVIEWER, "export-password-1").id();
        ReviewRepository reviews;
        try (ConsoleWriter writer = ConsoleWriter.create(DB.url(), DB.readerUser(), DB.readerPassword(), 1,
                Duration.ofSeconds(5), Duration.ofSeconds(30))) {
            reviews = new ReviewRepository(writer);
            reviews.create("ex-0_c1_r1", Verdict.DEFECT, "a real one, \"quoted\"", ann);
            reviews.create("ex-0_c2_r1", Verdict.FALSE_CALL, null, ann);
            // a reprocess with no regions at all: the verdicts keep their own copy of the box
            DB.write(List.of(new InspectionResult(1, frame.imgUniqueId(), frame.imageUri(), frame.cameraId(),
                    frame.capturedAt(), frame.attributes(), frame.imageWidth(), frame.imageHeight(),
                    frame.processedAt().plusSeconds(60), 0.1, "w", frame.model(), frame.resultImages(),
                    new SyntheticResults(8).result("ex-0", 0, 0, t0).classes())));
        }
        Path out = Files.createTempDirectory("export-out");
        Map<String, String> env = new java.util.HashMap<>(env());
        env.put("AOI_CONSOLE_FILE_ROOTS", root.toString());
        Instant now = Instant.now();
        int code = ExportCommand.run(new String[] {"reviews", "--from", now.minusSeconds(3600).toString(), "--to",
            now.plusSeconds(3600).toString(), "--out", out.toString(), "--margin", "4"}, env);
        assertThat(code).isZero();

        List<String> csv = Files.readAllLines(out.resolve("manifest.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).startsWith("review_id,file,verdict,class_id,class_name");
        List<String> jsonl = Files.readAllLines(out.resolve("manifest.jsonl"));
        assertThat(jsonl).hasSize(2);
        JsonMapper json = JsonMapper.builder().build();
        for (String line : jsonl) {
            JsonNode row = json.readTree(line);
            assertThat(row.get("missing").isNull()).as(line).isTrue();
            String verdict = row.get("verdict").asString();
            Path crop = out.resolve(row.get("file").asString());
            assertThat(crop.toString()).contains("images/" + verdict + "/");
            BufferedImage image = ImageIO.read(crop.toFile());
            int w = row.get("bbox_width").asInt();
            int h = row.get("bbox_height").asInt();
            assertThat(image.getWidth()).isBetween(w, w + 8);
            assertThat(image.getHeight()).isBetween(h, h + 8);
            // the box's pixels in the crop are the class's colour the fixture painted, not the grey background
            int bx = row.get("bbox_x").asInt() - row.get("crop_x").asInt();
            int by = row.get("bbox_y").asInt() - row.get("crop_y").asInt();
            assertThat(image.getRGB(bx + w / 2, by + h / 2) & 0xFFFFFF).isNotEqualTo(0x5A5A5A);
        }
        assertThat(csv.get(1) + csv.get(2)).contains("\"a real one, \"\"quoted\"\"\"");
    }
}
