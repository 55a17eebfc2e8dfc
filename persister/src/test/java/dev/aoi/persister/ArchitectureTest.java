package dev.aoi.persister;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps frameworks out of the plain cores: the writer, the schema tooling and the bench are plain Java. */
class ArchitectureTest {

    // The module's own classes only: scanning the whole classpath for the package takes half a minute.
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target/classes"));

    @Test
    void theWriterCoreUsesNoFrameworkOnlySpringJdbcAndTheDriver() {
        noClasses().that().resideInAPackage("dev.aoi.persister.write..")
                .should().dependOnClassesThat(resideInAPackage("org.springframework..").and(not(
                        resideInAnyPackage("org.springframework.jdbc..", "org.springframework.transaction..",
                                "org.springframework.dao.."))))
                .orShould().dependOnClassesThat().resideInAnyPackage(
                        "org.apache.kafka..", "io.micrometer..", "jakarta..", "javax.persistence..",
                        "org.hibernate..", "com.zaxxer..", "org.flywaydb..", "dev.aoi.persister.consume..",
                        "dev.aoi.persister.db..", "dev.aoi.persister.bench..")
                .because("the upsert rules are plain Java over a DataSource, through spring-jdbc's JdbcTemplate and"
                        + " TransactionTemplate (plain objects, docs/architecture.md): testable without a Spring"
                        + " container or Kafka")
                .check(CLASSES);
    }

    @Test
    void noSpringOrKafkaOutsideTheServiceWiringAndTheConsumer() {
        noClasses().that().resideInAnyPackage("dev.aoi.persister.write..", "dev.aoi.persister.db..",
                        "dev.aoi.persister.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.boot..",
                        "org.springframework.context..", "org.springframework.beans.factory..",
                        "org.springframework.stereotype..", "org.springframework.kafka..", "org.apache.kafka..")
                .because("db and bench subcommands run without a Spring container (spring-jdbc's templates are plain"
                        + " objects over a DataSource and welcome), and only consume talks to Kafka")
                .check(CLASSES);
    }

    @Test
    void theWriterCoreCarriesNoAnnotationsOfSpringJdbcOrPersistence() {
        noClasses().that().resideInAPackage("dev.aoi.persister.write..")
                .should().beAnnotatedWith(org.springframework.stereotype.Component.class)
                .orShould().beAnnotatedWith(org.springframework.stereotype.Repository.class)
                .orShould().beAnnotatedWith(org.springframework.transaction.annotation.Transactional.class)
                .check(CLASSES);
    }
}
