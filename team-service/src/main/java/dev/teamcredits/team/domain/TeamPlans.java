package dev.teamcredits.team.domain;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.PlanTerms;
import java.util.Map;
import java.util.Optional;

/**
 * The plans an org can be on, with their terms (member limit, monthly allocation, rollover), which
 * come from configuration. BASIC has no team accounts: no org is created on it or moved to it.
 */
public final class TeamPlans {

    private final Map<Plan, PlanTerms> terms;

    /** @param terms the configured terms of each plan; a plan without terms has no team accounts */
    public TeamPlans(Map<Plan, PlanTerms> terms) {
        this.terms = Map.copyOf(terms);
    }

    /** The terms of {@code plan}, or empty when an org cannot be on it. */
    public Optional<PlanTerms> terms(Plan plan) {
        return plan == Plan.BASIC ? Optional.empty() : Optional.ofNullable(terms.get(plan));
    }
}
