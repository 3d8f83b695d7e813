package dev.teamcredits.common;

import org.junit.jupiter.api.Test;

/**
 * The layer rules of {@link ArchitectureRules} as tests: a service's {@code ArchitectureTest} extends
 * this with its root package, and {@code ./mvnw verify} fails when a layer rule is broken.
 */
public abstract class ServiceLayersTest {

    private final ArchitectureRules rules;

    protected ServiceLayersTest(String basePackage) {
        this.rules = new ArchitectureRules(basePackage);
    }

    @Test
    void theDomainIsPureRules() {
        rules.domainIsPure();
    }

    @Test
    void servicesKnowNothingOfHttp() {
        rules.servicesKnowNoHttp();
    }

    @Test
    void repositoriesCallNoUseCases() {
        rules.repositoriesKnowNoUseCases();
    }

    @Test
    void packagesDependOnEachOtherOneWayOnly() {
        rules.packagesHaveNoCycles();
    }
}
