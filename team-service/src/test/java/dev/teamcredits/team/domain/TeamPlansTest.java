package dev.teamcredits.team.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.PlanTerms;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TeamPlansTest {

    /** Even if BASIC were configured: it has no team accounts. */
    private final TeamPlans plans = new TeamPlans(Map.of(Plan.PRO, new PlanTerms(5, 1_000, false),
            Plan.ENTERPRISE, new PlanTerms(50, 25_000, true), Plan.BASIC, new PlanTerms(1, 0, false)));

    @ParameterizedTest(name = "{0} → member limit {1}")
    @CsvSource({ "PRO, 5", "ENTERPRISE, 50", "BASIC, ", "PRO_PLUS, " })
    void orgsAreOnConfiguredTeamPlansOnlyNeverOnBasic(Plan plan, Integer memberLimit) {
        assertEquals(Optional.ofNullable(memberLimit), plans.terms(plan).map(PlanTerms::memberLimit));
    }
}
