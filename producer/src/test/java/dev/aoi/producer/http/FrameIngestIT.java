package dev.aoi.producer.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.infra.testing.TestInfrastructure;
import dev.aoi.producer.ProducerApplication;
import dev.aoi.producer.publish.TopicReader;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** HTTP ingest on a real server and the real broker: 202 after the ack, 400 naming the field, 401, 413. */
@SpringBootTest(classes = ProducerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FrameIngestIT {

    private static final String TOKEN = "s3cret-token-of-at-least-32-characters";
    private static final String TOPIC = TestInfrastructure.uniqueName("http-images");
    private static final Path IMAGE_ROOT;
    private static final Path WATCH_DIR;
    private static final Path WATCH_STATE;

    static {
        try {
            IMAGE_ROOT = Files.createTempDirectory("aoi-http-ingest");
            WATCH_DIR = Files.createTempDirectory("aoi-watch");
            WATCH_STATE = Files.createTempDirectory("aoi-watch-state");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestInfrastructure infra = TestInfrastructure.shared();
        infra.createTopic(TOPIC, 2);
        registry.add("aoi.producer.bootstrap-servers", infra::kafkaBootstrapServers);
        registry.add("aoi.producer.topic", () -> TOPIC);
        registry.add("aoi.producer.http.token", () -> TOKEN);
        registry.add("aoi.producer.http.image-root", IMAGE_ROOT::toString);
        registry.add("aoi.producer.http.max-upload-size", () -> "256KB");
        registry.add("management.server.port", () -> "0");
        registry.add("aoi.producer.watch.dir", WATCH_DIR::toString);
        registry.add("aoi.producer.watch.state-dir", WATCH_STATE::toString);
        registry.add("aoi.producer.watch.stable-for", () -> "200ms");
        registry.add("aoi.producer.watch.poll-interval", () -> "100ms");
    }

    @Value("${local.server.port}")
    int port;

    @Value("${local.management.port}")
    int managementPort;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessReflectsTheBrokerAndPrometheusIsServedOnTheManagementPortOnly() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("\"broker\"").as("details only when authorised").doesNotContain("clusterId");
        HttpResponse<String> prometheus = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("aoi_producer_frames_published_total");
        HttpResponse<String> onIngest = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(onIngest.statusCode()).as("no actuator on the ingest port").isIn(401, 404);
    }

    @Test
    void ambiguousOrUnopenableRefsAndOversizedJsonAreRefused() throws Exception {
        HttpResponse<String> duplicate = postJson("""
                {"schema_version":1,"img_unique_id":"dup","img_unique_id":"dup2","image_uri":"/a.png",
                 "captured_at":"2026-11-23T10:00:00Z"}""", TOKEN);
        assertThat(duplicate.statusCode()).as(duplicate.body()).isEqualTo(400);
        assertThat(duplicate.body()).contains("duplicate key");
        HttpResponse<String> version = postJson("""
                {"schema_version":2,"img_unique_id":"v2","image_uri":"/a.png","captured_at":"2026-11-23T10:00:00Z"}""",
                TOKEN);
        assertThat(version.statusCode()).isEqualTo(400);
        assertThat(version.body()).contains("\"field\":\"schema_version\"");
        HttpResponse<String> opaque = postJson("""
                {"schema_version":1,"img_unique_id":"opaque","image_uri":"file:foo","captured_at":"2026-11-23T10:00:00Z"}""",
                TOKEN);
        assertThat(opaque.statusCode()).as(opaque.body()).isEqualTo(400);
        assertThat(opaque.body()).contains("\"field\":\"image_uri\"").contains("opaque");
        String padded = "{\"schema_version\":1,\"img_unique_id\":\"big\",\"image_uri\":\"/a.png\",\"captured_at\":"
                + "\"2026-11-23T10:00:00Z\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";
        HttpResponse<String> big = postJson(padded, TOKEN);
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.body()).contains("max-json-bytes");
        assertThat(keys()).doesNotContain("dup", "dup2", "v2", "opaque", "big");
    }

    @Test
    void jsonRefIsAcceptedAfterTheBrokerAckedIt() throws Exception {
        HttpResponse<String> r = postJson("""
                {"schema_version":1,"img_unique_id":"http-json-1","image_uri":"/data/a.png",
                 "camera_id":"cam-9","captured_at":"2026-11-23T10:00:00Z","attributes":{"lot":"L1"}}""", TOKEN);
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).contains("\"img_unique_id\":\"http-json-1\"");
        assertThat(keys()).contains("http-json-1");
    }

    @Test
    void badJsonIsRefusedNamingTheField() throws Exception {
        HttpResponse<String> missing = postJson("""
                {"schema_version":1,"img_unique_id":"x","captured_at":"2026-11-23T10:00:00Z"}""", TOKEN);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"field\":\"image_uri\"");

        HttpResponse<String> badId = postJson("""
                {"schema_version":1,"img_unique_id":"bad id/..","image_uri":"/a.png","captured_at":"2026-11-23T10:00:00Z"}""",
                TOKEN);
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("\"field\":\"img_unique_id\"");

        HttpResponse<String> wrongType = postJson("""
                {"schema_version":1,"img_unique_id":"x","image_uri":"/a.png","captured_at":12}""", TOKEN);
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("\"field\":\"captured_at\"");

        HttpResponse<String> relative = postJson("""
                {"schema_version":1,"img_unique_id":"x","image_uri":"a.png","captured_at":"2026-11-23T10:00:00Z"}""",
                TOKEN);
        assertThat(relative.statusCode()).isEqualTo(400);
        assertThat(relative.body()).contains("\"field\":\"image_uri\"");
    }

    @Test
    void requestsWithoutTheTokenAreRefused() throws Exception {
        String ok = """
                {"schema_version":1,"img_unique_id":"never","image_uri":"/a.png","captured_at":"2026-11-23T10:00:00Z"}""";
        assertThat(postJson(ok, null).statusCode()).isEqualTo(401);
        assertThat(postJson(ok, "s3cret-tokem").statusCode()).isEqualTo(401);
        assertThat(keys()).doesNotContain("never");
    }

    @Test
    void uploadedFileIsStoredThenPublished() throws Exception {
        byte[] png = dev.aoi.producer.TestImages.pngBytes();
        HttpResponse<String> r = postMultipart(png, "frame.png",
                Map.of("img_unique_id", "upload-1", "camera_id", "cam-http", "attr.lot", "L9"), TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        Path stored = IMAGE_ROOT.resolve("upload-1.png");
        assertThat(Files.readAllBytes(stored)).isEqualTo(png);
        TopicReader.Keyed rec = TopicReader.readAll(bootstrap(), TOPIC).stream()
                .filter(k -> k.key().equals("upload-1")).findFirst().orElseThrow();
        assertThat(rec.ref().imageUri()).isEqualTo(stored.toUri().toString());
        assertThat(rec.ref().cameraId()).isEqualTo("cam-http");
        assertThat(rec.ref().attributes()).containsEntry("lot", "L9");
        try (var files = Files.list(IMAGE_ROOT)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void oversizedUploadIsRefusedWith413() throws Exception {
        byte[] big = new byte[300 * 1024];
        HttpResponse<String> r = postMultipart(big, "big.png", Map.of("img_unique_id", "too-big"), TOKEN);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("max-upload-size").contains("\"field\":\"file\"");
        assertThat(Files.exists(IMAGE_ROOT.resolve("too-big.png"))).isFalse();
    }

    @Test
    void uploadWithAWrongExtensionNamesTheFileField() throws Exception {
        HttpResponse<String> r = postMultipart(new byte[10], "notes.txt", Map.of(), TOKEN);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"file\"");
    }

    @Test
    void theServiceAlsoRunsTheWatchFolderWhenConfigured() throws Exception {
        Files.createDirectories(WATCH_DIR.resolve("line-3"));
        Files.write(WATCH_DIR.resolve("line-3/dropped.png"), dev.aoi.producer.TestImages.pngBytes());
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (!keys().contains("line-3:dropped.png") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(keys()).contains("line-3:dropped.png");
    }

    private String bootstrap() {
        return TestInfrastructure.shared().kafkaBootstrapServers();
    }

    private List<String> keys() {
        return TopicReader.readAll(bootstrap(), TOPIC).stream().map(TopicReader.Keyed::key).toList();
    }

    private HttpResponse<String> postJson(String json, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/frames"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postMultipart(byte[] content, String filename, Map<String, String> fields,
            String token) throws Exception {
        String boundary = "----aoi" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/frames"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
