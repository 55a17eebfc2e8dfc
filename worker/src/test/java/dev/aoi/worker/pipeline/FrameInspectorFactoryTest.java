package dev.aoi.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aoi.common.event.ImageRef;
import dev.aoi.common.event.InspectionResult;
import dev.aoi.worker.TestImages;
import dev.aoi.worker.WorkerProperties;
import dev.aoi.worker.inspect.FrameOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The worker's settings reach the real inspector: the model loads, and a frame comes back measured. */
class FrameInspectorFactoryTest {

    @TempDir
    Path tmp;

    private static WorkerProperties worker(Map<String, Object> env) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        return Binder.get(environment).bindOrCreate("aoi.worker", WorkerProperties.class);
    }

    @Test
    void theSettingsBuildTheRealInspector() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Path out = tmp.resolve("out");
        Path png = TestImages.write(images, "a.png", TestImages.encode(TestImages.rgb(
                TestImages.rect(32, 24, TestImages.BLACK, TestImages.RED, 3, 2, 5, 4)), "png"));
        Map<String, Object> env = new HashMap<>();
        env.put("AOI_WORKER_MODEL", TestImages.model("colour").toString());
        env.put("AOI_WORKER_DEVICE", "cpu");
        env.put("AOI_WORKER_ALLOWED_ROOTS", images.toString());
        env.put("AOI_WORKER_OUTPUT_ROOT", out.toString());
        env.put("AOI_WORKER_WORKER_ID", "w-factory");
        env.put("AOI_WORKER_RESULT_IMAGES_OVERLAY", "true"); // off by default: the console draws it on view

        try (BatchInspector inspector = FrameInspectorFactory.create(worker(env))) {
            assertThat(inspector.toString()).startsWith("model ");
            List<FrameOutcome> outcomes = inspector.inspect(List.of(
                    ImageRef.of("a", png.toString(), Instant.parse("2026-11-23T10:00:00Z"))));
            assertThat(outcomes).singleElement().isInstanceOfSatisfying(FrameOutcome.Inspected.class, i -> {
                InspectionResult r = i.result();
                assertThat(r.workerId()).isEqualTo("w-factory");
                assertThat(r.classes().get(0).totalAreaPixels()).isEqualTo(20);
                assertThat(r.resultImages()).as("class map and overlay, no defect sheet").hasSize(2);
            });
        }
    }

    @Test
    void aMissingModelSaysWhichSettingToFix() {
        assertThatThrownBy(() -> FrameInspectorFactory.create(worker(Map.of())))
                .hasMessageContaining("AOI_WORKER_MODEL");
        assertThatThrownBy(() -> FrameInspectorFactory.create(worker(Map.of("AOI_WORKER_MODEL", "/no/such.onnx"))))
                .hasMessageContaining("/no/such.onnx").hasMessageContaining("does not exist");
    }
}
