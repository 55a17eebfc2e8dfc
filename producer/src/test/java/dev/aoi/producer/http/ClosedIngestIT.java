package dev.aoi.producer.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aoi.producer.ProducerApplication;
import dev.aoi.producer.TestImages;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ingest closed by default, on the real server: loopback only without a token, no start on another address
 * without a long enough token, and a broker that is away answered with 503 + Retry-After within seconds, the
 * upload removed (no broker is needed: the bootstrap address is a closed port).
 */
class ClosedIngestIT {

    @TempDir
    Path tmp;

    private ConfigurableApplicationContext start(String... extra) throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        String[] base = {"--server.port=0", "--management.server.port=0",
                "--aoi.producer.bootstrap-servers=127.0.0.1:" + deadPort,
                "--aoi.producer.http.image-root=" + tmp.resolve("http"),
                "--aoi.producer.http.publish-timeout=2s",
                "--aoi.producer.watch.state-dir=" + tmp.resolve("state")};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return new SpringApplicationBuilder(ProducerApplication.class).run(args);
    }


    @Test
    void onAllInterfacesWithoutAToken_orWithAShortOne_theServiceRefusesToStart() {
        assertThatThrownBy(() -> start("--aoi.producer.http.token=", "--server.address=0.0.0.0"))
                .hasStackTraceContaining("refusing to start").hasStackTraceContaining("AOI_PRODUCER_TOKEN");
        assertThatThrownBy(() -> start("--aoi.producer.http.token=too-short"))
                .hasStackTraceContaining("at least 32");
    }

    /** One service for both (a start is the slow part): loopback without a token; a broker away answered in time. */
    @Test
    void withoutATokenOnLoopbackOnly_andABrokerThatIsAwayIsA503WithinSecondsWithTheUploadRemoved() throws Exception {
        try (ConfigurableApplicationContext app = start("--aoi.producer.http.token=")) {
            TomcatWebServer server = (TomcatWebServer) ((ServletWebServerApplicationContext) app).getWebServer();
            Connector connector = server.getTomcat().getConnector();
            Object address = connector.getProperty("address");
            assertThat(address).isInstanceOf(InetAddress.class);
            assertThat(((InetAddress) address).isLoopbackAddress()).as("bound to %s", address).isTrue();

            int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
            String boundary = "----aoi" + System.nanoTime();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"img_unique_id\"\r\n\r\naway-1\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(TestImages.pngBytes());
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            long start = System.nanoTime();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v1/frames"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(took).as("a bounded wait (publish-timeout 2s)").isLessThan(Duration.ofSeconds(10));
            assertThat(Files.exists(tmp.resolve("http/away-1.png"))).as("the upload was removed").isFalse();
        }
    }
}
