package dev.aoi.worker.vision;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Measurement stays plain Java plus OpenCV: no framework, broker, database or inference runtime in it. */
class VisionArchitectureTest {

    // Imported from the main classes folder only: scanning the classpath would walk OpenCV's 105 MB jar.
    private final JavaClasses vision = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> location.contains("/dev/aoi/worker/vision/"))
            .importUrl(RegionMeasurer.class.getProtectionDomain().getCodeSource().getLocation());

    @Test
    void visionDependsOnNoFrameworkOrOtherWorkerPackage() {
        noClasses().that().resideInAPackage("dev.aoi.worker.vision..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "java.sql..", "javax.sql..", "ai.onnxruntime..", "dev.aoi.worker.bench..",
                        "dev.aoi.worker.pipeline..", "dev.aoi.worker.inference..")
                .check(vision);
    }
}
