package dev.aoi.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The console's packages by capability stay apart: no cycles between them, the pages depend on the rest and
 * nothing depends on the pages, data access knows nothing of HTTP, and only the wiring class builds beans.
 */
class ArchitectureTest {

    private static final JavaClasses CONSOLE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(classesOf(ConsoleMain.class));

    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theConsolesClassesWereFound() {
        assertThat(CONSOLE.contain(ConsoleMain.class)).isTrue();
    }

    @Test
    void capabilitiesHaveNoCycles() {
        slices().matching("dev.aoi.console.(*)..").should().beFreeOfCycles().check(CONSOLE);
    }

    @Test
    void nothingDependsOnThePages() {
        noClasses().that().resideOutsideOfPackage("dev.aoi.console.web..")
                .should().dependOnClassesThat().resideInAPackage("dev.aoi.console.web..")
                .check(CONSOLE);
    }

    @Test
    void repositoriesKnowNothingOfHttp() {
        noClasses().that().haveSimpleNameEndingWith("Repository")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "org.springframework.web..",
                        "org.springframework.http..")
                .because("the same queries serve the API, the pages, CSV and the bench").check(CONSOLE);
    }

    @Test
    void onlyTheConfigurationClassDeclaresBeans() {
        // and the security rules, which Spring Security takes from a configuration of their own
        noClasses().that().doNotHaveSimpleName("ConsoleConfiguration").and().doNotHaveSimpleName("SecurityConfiguration")
                .should().beAnnotatedWith(org.springframework.context.annotation.Configuration.class)
                .orShould().beAnnotatedWith(org.springframework.stereotype.Component.class)
                .orShould().beAnnotatedWith(org.springframework.stereotype.Service.class)
                .orShould().beAnnotatedWith(org.springframework.stereotype.Repository.class)
                .check(CONSOLE);
        classes().that().haveSimpleNameEndingWith("Repository").should().notBeAnnotatedWith(
                org.springframework.stereotype.Repository.class).check(CONSOLE);
    }
}
