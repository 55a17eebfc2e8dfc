package dev.aoi.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The worker's core (decoding, inference, measurement, rendering, the inspector) stays plain Java. */
class ArchitectureTest {

    /** The worker's own compiled classes only; scanning the whole class path for them takes seconds. */
    private static final JavaClasses WORKER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(classesOf(WorkerMain.class));

    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theWorkersClassesWereFound() {
        assertThat(WORKER.contain(WorkerMain.class)).isTrue();
    }

    @Test
    void theCoreDependsNeitherOnSpringNorOnKafka() {
        ArchRule rule = noClasses()
                .that().resideInAnyPackage("dev.aoi.worker.vision..", "dev.aoi.worker.decode..",
                        "dev.aoi.worker.inference..", "dev.aoi.worker.render..", "dev.aoi.worker.inspect..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..")
                .because("the core is plain Java: Spring and Kafka are adapters around it (docs/architecture.md)");
        rule.check(WORKER);
    }

    @Test
    void decodingInferenceAndRenderingDoNotReachUpIntoTheInspector() {
        noClasses().that().resideInAnyPackage("dev.aoi.worker.decode..", "dev.aoi.worker.inference..",
                "dev.aoi.worker.render..").should().dependOnClassesThat().resideInAPackage("dev.aoi.worker.inspect..")
                .because("the inspector composes them, not the other way round").check(WORKER);
    }

    @Test
    void theCoreDoesNotReachIntoTheCommandLineTools() {
        noClasses().that().resideInAnyPackage("dev.aoi.worker.inspect..", "dev.aoi.worker.decode..",
                "dev.aoi.worker.inference..", "dev.aoi.worker.vision..", "dev.aoi.worker.render..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.aoi.worker.cli..", "dev.aoi.worker.bench..",
                        "dev.aoi.worker.evaluate..", "picocli..")
                .because("each package has one job: the tools use the core, the core knows no command line")
                .check(WORKER);
    }
}
