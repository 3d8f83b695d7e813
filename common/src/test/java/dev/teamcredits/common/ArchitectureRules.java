package dev.teamcredits.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layers every service keeps ({@code rest}, {@code service}, {@code domain}, {@code repository},
 * {@code messaging}, {@code config}), as rules each service's {@code ArchitectureTest} runs on its
 * own classes: the domain is pure rules (no framework, no I/O), services know nothing of HTTP,
 * repositories nothing of use cases, and no two packages depend on each other.
 */
public final class ArchitectureRules {

    private final String base;
    private final JavaClasses classes;

    /** The main classes of the service whose root package is {@code base}, e.g. {@code dev.teamcredits.ledger}. */
    public ArchitectureRules(String base) {
        this(base, new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(base));
    }

    /** The rules over the given classes, whose root package is {@code base} (for checking the rules themselves). */
    ArchitectureRules(String base, JavaClasses classes) {
        this.base = base;
        this.classes = classes;
    }

    /** Domain classes use the JDK, the event types and each other: no framework, no database, no HTTP. */
    public void domainIsPure() {
        noClasses().that().resideInAPackage(base + ".domain..").should().dependOnClassesThat()
                .resideInAnyPackage("io.quarkus..", "io.smallrye..", "io.vertx..", "jakarta..", "org.hibernate..",
                        "org.eclipse..", "org.jboss..", "com.fasterxml..", "dev.teamcredits.common..",
                        base + ".rest..", base + ".service..", base + ".repository..", base + ".messaging..",
                        base + ".config..")
                .because("the rules must be readable and testable without a server").check(classes);
    }

    /** Services take commands and return domain results; DTOs and JAX-RS stay at the REST edge. */
    public void servicesKnowNoHttp() {
        noClasses().that().resideInAnyPackage(base + ".service..", base + ".domain..", base + ".repository..",
                base + ".messaging..").should().dependOnClassesThat()
                .resideInAnyPackage(base + ".rest..", "jakarta.ws.rs..")
                .because("HTTP is one edge; events and schedules call the same use cases").check(classes);
    }

    /** Repositories read and write rows; they do not call use cases. */
    public void repositoriesKnowNoUseCases() {
        noClasses().that().resideInAPackage(base + ".repository..").should().dependOnClassesThat()
                .resideInAnyPackage(base + ".service..", base + ".messaging..").check(classes);
    }

    /** No package of the service depends, directly or not, on one that depends on it. */
    public void packagesHaveNoCycles() {
        slices().matching(base + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
