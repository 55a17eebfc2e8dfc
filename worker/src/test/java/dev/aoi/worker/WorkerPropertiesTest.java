package dev.aoi.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class WorkerPropertiesTest {

    private static WorkerProperties bind(Map<String, Object> env) {
        StandardEnvironment environment = new StandardEnvironment();
        // under the name Boot maps with its environment-variable rules, instead of the real environment
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        return Binder.get(environment).bindOrCreate("aoi.worker", WorkerProperties.class);
    }

    @Test
    void defaultsWorkOnTheLocalStack() {
        WorkerProperties p = bind(Map.of());
        assertThat(p.imagesTopic()).isEqualTo("aoi.images");
        assertThat(p.resultsTopic()).isEqualTo("aoi.results");
        assertThat(p.groupId()).isEqualTo("aoi-workers");
        assertThat(p.groupProtocol()).isEqualTo(WorkerProperties.GroupProtocol.CLASSIC);
        assertThat(p.device()).isEqualTo(WorkerProperties.Device.AUTO);
        assertThat(p.batchSize()).isEqualTo(4);
        assertThat(p.effectiveMaxBuffered()).isEqualTo(8);
        assertThat(p.maxPixels()).isEqualTo(64_000_000L);
        assertThat(p.minAreaPixels()).isEqualTo(1);
        assertThat(p.transactions().enabled()).isFalse();
        assertThat(p.retry().initial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.resultImages().classMapPng()).isTrue();
        assertThat(p.resultImages().overlay()).as("drawn by the console on view").isFalse();
        assertThat(p.decodeThreads()).as("automatic: CoreSplit").isZero();
        assertThat(p.intraOpThreads()).isZero();
        assertThat(p.resultImages().defectSheet()).isFalse();
        assertThat(p.workerId()).endsWith("-" + ProcessHandle.current().pid());
        assertThat(p.model()).isNull();
    }

    @Test
    void environmentVariablesOverrideByRelaxedBinding() {
        WorkerProperties p = bind(Map.of(
                "AOI_WORKER_MODEL", "/models/unet.onnx",
                "AOI_WORKER_DEVICE", "cuda",
                "AOI_WORKER_BATCH_SIZE", "16",
                "AOI_WORKER_ALLOWED_ROOTS", "/mnt/line1,/mnt/line2",
                "AOI_WORKER_TRANSACTIONS_ENABLED", "true",
                "AOI_WORKER_WORKER_ID", "gpu-3",
                "AOI_WORKER_RESULT_IMAGES_OVERLAY", "true",
                "AOI_WORKER_GROUP_PROTOCOL", "consumer"));
        assertThat(p.model()).isEqualTo(Path.of("/models/unet.onnx"));
        assertThat(p.device()).isEqualTo(WorkerProperties.Device.CUDA);
        assertThat(p.batchSize()).isEqualTo(16);
        assertThat(p.allowedRoots()).containsExactly(Path.of("/mnt/line1"), Path.of("/mnt/line2"));
        assertThat(p.transactions().enabled()).isTrue();
        assertThat(p.workerId()).isEqualTo("gpu-3");
        assertThat(p.resultImages().overlay()).isTrue();
        assertThat(p.groupProtocol()).isEqualTo(WorkerProperties.GroupProtocol.CONSUMER);
    }

    @Test
    void nonsenseIsRefusedAtStartWithTheSettingNamed() {
        assertThatThrownBy(() -> bind(Map.of("AOI_WORKER_BATCH_SIZE", "0")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("aoi.worker.batch-size");
        assertThatThrownBy(() -> bind(Map.of("AOI_WORKER_BATCH_SIZE", "8", "AOI_WORKER_MAX_BUFFERED", "3")))
                .rootCause().hasMessageContaining("aoi.worker.max-buffered");
    }

    @Test
    void theInspectorsRulesAreCheckedWhenTheSettingsAreBoundWithTheSettingNamed() {
        assertThatThrownBy(() -> bind(Map.of("AOI_WORKER_MIN_AREA_PIXELS", "0")))
                .rootCause().hasMessageContaining("aoi.worker.min-area-pixels");
        assertThatThrownBy(() -> bind(Map.of("AOI_WORKER_DECODE_THREADS", "-1")))
                .rootCause().hasMessageContaining("aoi.worker.decode-threads");
        assertThatThrownBy(() -> bind(Map.of("AOI_WORKER_MAX_PIXELS", "0")))
                .rootCause().hasMessageContaining("aoi.worker.max-pixels");
    }

    @Test
    void theInspectorAndTheLoopGetTheirSettingsFromThisOneRecord() {
        WorkerProperties p = bind(Map.of("AOI_WORKER_BATCH_SIZE", "6", "AOI_WORKER_DEVICE", "cpu",
                "AOI_WORKER_RESULT_IMAGES_OVERLAY", "true", "AOI_WORKER_WORKER_ID", "w-1",
                "AOI_WORKER_DECODE_THREADS", "3", "AOI_WORKER_MIN_AREA_PIXELS", "5"));
        var inspector = p.inspectorSettings();
        assertThat(inspector.batchSize()).isEqualTo(6);
        assertThat(inspector.device()).isEqualTo("cpu");
        assertThat(inspector.overlay()).isTrue();
        assertThat(inspector.defectSheet()).isFalse();
        assertThat(inspector.classMapPng()).isTrue();
        assertThat(inspector.workerId()).isEqualTo("w-1");
        assertThat(inspector.decodeThreads()).isEqualTo(3);
        assertThat(inspector.minAreaPixels()).isEqualTo(5);
        assertThat(inspector.allowedRoots()).isEqualTo(p.allowedRoots());
        assertThat(inspector.outputRoot()).isEqualTo(p.outputRoot());
    }
}
