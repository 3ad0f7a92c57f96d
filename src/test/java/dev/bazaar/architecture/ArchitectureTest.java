package dev.bazaar.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.RestController;

/** The rules of STYLE.md that a machine can check. */
class ArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.bazaar");

    @Test
    void noForbiddenNameSuffixes() {
        noClasses().should().haveSimpleNameEndingWith("Impl")
                .orShould().haveSimpleNameEndingWith("DTO").orShould().haveSimpleNameEndingWith("Dto")
                .orShould().haveSimpleNameEndingWith("Manager").orShould().haveSimpleNameEndingWith("Helper")
                .orShould().haveSimpleNameEndingWith("Util").orShould().haveSimpleNameEndingWith("Utils")
                .check(MAIN);
    }

    @Test
    void controllersArePackagePrivateAndThin() {
        classes().that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
                .should().notBePublic()
                .andShould().notBeAnnotatedWith(Transactional.class)
                .check(MAIN);
        noClasses().that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .check(MAIN);
        methods().that().areDeclaredInClassesThat().areAnnotatedWith(RestController.class)
                .should().notBeAnnotatedWith(Transactional.class).check(MAIN);
    }

    @Test
    void transactionsOnlyOnPublicServiceAndQueryMethods() {
        methods().that().areAnnotatedWith(Transactional.class)
                .should().bePublic()
                .andShould().beDeclaredInClassesThat().haveSimpleNameEndingWith("Service")
                .orShould().beDeclaredInClassesThat().haveSimpleNameEndingWith("Queries")
                .allowEmptyShould(true)
                .check(MAIN);
    }

    @Test
    void entitiesLiveInDomainPackages() {
        classes().that().areAnnotatedWith(Entity.class).should().resideInAPackage("..domain..")
                .allowEmptyShould(true).check(MAIN);
    }

    @Test
    void generalCodingRules() {
        // Terminal is the one deliberate door to the operator's terminal (CLI output, one-time demo credentials);
        // BazaarApplication exits the process with the CLI's status.
        noClasses().that().doNotHaveFullyQualifiedName("dev.bazaar.platform.Terminal")
                .and().doNotHaveFullyQualifiedName("dev.bazaar.BazaarApplication")
                .should(ACCESS_STANDARD_STREAMS)
                .check(MAIN);
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(MAIN);
        NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(MAIN);
    }

    @Test
    void platformNamesNoBusinessModule() {
        noClasses().that().resideInAPackage("dev.bazaar.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.bazaar.identity..", "dev.bazaar.tenancy..",
                        "dev.bazaar.catalog..", "dev.bazaar.inventory..", "dev.bazaar.ordering..", "dev.bazaar.payments..",
                        "dev.bazaar.content..", "dev.bazaar.files..", "dev.bazaar.notifications..", "dev.bazaar.webhooks..",
                        "dev.bazaar.reporting..", "dev.bazaar.admin..")
                .check(MAIN);
    }

    @Test
    void recordsForPublicApiValues() {
        classes().that().resideInAPackage("dev.bazaar..").and().haveSimpleNameEndingWith("Id")
                .and().areNotInterfaces().should().beRecords().allowEmptyShould(true).check(MAIN);
        classes().that().haveModifier(JavaModifier.PUBLIC).and().areAnnotatedWith(RestController.class)
                .should().notBePublic().allowEmptyShould(true).check(MAIN);
    }
}
