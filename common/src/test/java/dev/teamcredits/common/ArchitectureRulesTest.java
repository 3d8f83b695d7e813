package dev.teamcredits.common;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The layer rules pass on a layered fixture and fail on one that breaks each of them. */
class ArchitectureRulesTest {

    enum Rule {
        DOMAIN_IS_PURE(ArchitectureRules::domainIsPure),
        SERVICES_KNOW_NO_HTTP(ArchitectureRules::servicesKnowNoHttp),
        REPOSITORIES_KNOW_NO_USE_CASES(ArchitectureRules::repositoriesKnowNoUseCases),
        PACKAGES_HAVE_NO_CYCLES(ArchitectureRules::packagesHaveNoCycles);

        final Consumer<ArchitectureRules> check;

        Rule(Consumer<ArchitectureRules> check) {
            this.check = check;
        }
    }

    private static ArchitectureRules over(String fixture) {
        String base = "dev.teamcredits.common.layers." + fixture;
        return new ArchitectureRules(base, new ClassFileImporter().importPackages(base));
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void aServiceThatKeepsItsLayersPasses(Rule rule) {
        assertDoesNotThrow(() -> rule.check.accept(over("clean")));
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void aServiceThatBreaksTheRuleFails(Rule rule) {
        assertThrows(AssertionError.class, () -> rule.check.accept(over("broken")));
    }
}
