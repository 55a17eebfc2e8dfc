package dev.aoi.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.infra.testing.TestInfrastructure;
import dev.aoi.worker.WorkerApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A worker whose result-image disk is "full" (less free than the threshold; here a threshold no disk meets) is
 * not ready, naming the disk check, instead of retrying full writes unseen; with room it is ready.
 */
class ResultDiskFullIT {

    @TempDir
    Path tmp;

    @Test
    void aFullResultDiskMakesTheWorkerNotReady() throws Exception {
        assertThat(readiness("1000000TB")).contains("\"diskSpace\":{\"status\":\"DOWN\"}").startsWith("503");
        assertThat(readiness("1MB")).contains("\"diskSpace\":{\"status\":\"UP\"}").startsWith("200");
    }

    private String readiness(String threshold) throws Exception {
        TestInfrastructure infra = TestInfrastructure.shared();
        String images = TestInfrastructure.uniqueName("images");
        infra.createTopic(images, 1);
        Set<String> none = ConcurrentHashMap.newKeySet();
        FakeFrameInspector fake = new FakeFrameInspector("w-disk", 1, none, none);
        try (ConfigurableApplicationContext worker = new SpringApplicationBuilder(WorkerApplication.class)
                .initializers(c -> ((GenericApplicationContext) c).registerBean("fake", BatchInspector.class, () -> fake))
                .run("--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                        "--server.port=0",
                        "--aoi.worker.worker-id=w-disk",
                        "--aoi.worker.images-topic=" + images,
                        "--aoi.worker.results-topic=" + images, // exists; its default limit is enough here
                        "--aoi.worker.max-result-bytes=200000",
                        "--aoi.worker.output-root=" + tmp.resolve("results/not/yet/there"),
                        "--management.health.diskspace.threshold=" + threshold)) {
            String base = "http://127.0.0.1:" + worker.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> ready = null;
            for (int i = 0; i < 50; i++) { // the loop reaches RUNNING a moment after the start
                ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                        + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.body().contains("\"inspection\":{\"status\":\"UP\"}")) {
                    break;
                }
                Thread.sleep(200);
            }
            return ready.statusCode() + " " + ready.body();
        }
    }
}
