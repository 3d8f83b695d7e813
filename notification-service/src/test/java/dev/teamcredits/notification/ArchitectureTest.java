package dev.teamcredits.notification;

import dev.teamcredits.common.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The notification service keeps the layers every service keeps (see {@link ArchitectureRules}). */
class ArchitectureTest {

    private final ArchitectureRules rules = new ArchitectureRules("dev.teamcredits.notification");

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
