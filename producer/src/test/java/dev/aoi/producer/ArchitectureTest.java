package dev.aoi.producer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The gateways' and the simulator's logic stays plain Java: Spring lives only in the wiring and the HTTP adapter. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.aoi.producer");

    @Test
    void coreIsFreeOfSpring() {
        noClasses().that().resideInAnyPackage("dev.aoi.producer.publish..", "dev.aoi.producer.watch..",
                        "dev.aoi.producer.simulate..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .check(classes);
    }

    @Test
    void simulatorDoesNotReachIntoTheGateways() {
        noClasses().that().resideInAPackage("dev.aoi.producer.simulate..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.aoi.producer.http..",
                        "dev.aoi.producer.watch..")
                .check(classes);
    }
}
