package dev.aoi.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The inspection core stays plain Java: no Spring, no Kafka, no JDBC in decode, inference, render or inspect. */
class CoreArchitectureTest {

    private final JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.aoi.worker.decode", "dev.aoi.worker.inference", "dev.aoi.worker.render",
                    "dev.aoi.worker.inspect");

    @Test
    void core_packages_do_not_depend_on_frameworks() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                "java.sql..", "javax.sql..").check(core);
    }

    @Test
    void decoding_and_inference_do_not_reach_up_into_the_inspector() {
        noClasses().that().resideInAnyPackage("dev.aoi.worker.decode..", "dev.aoi.worker.inference..",
                "dev.aoi.worker.render..").should().dependOnClassesThat().resideInAPackage("dev.aoi.worker.inspect..")
                .check(core);
    }
}
