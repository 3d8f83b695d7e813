package dev.teamcredits.team.config;

import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.PlanTerms;
import dev.teamcredits.team.domain.TeamPlans;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;

/** The plans' terms as configured ({@code team.plans.<PLAN>.*}), for the use cases to check against. */
public class TeamPlansProducer {

    @Produces
    @Singleton
    TeamPlans teamPlans(TeamConfig config) {
        Map<Plan, PlanTerms> terms = new EnumMap<>(Plan.class);
        for (Plan plan : Plan.values()) {
            TeamConfig.PlanConfig configured = config.plans().get(plan.name());
            if (configured != null) {
                terms.put(plan, new PlanTerms(configured.memberLimit(), configured.monthlyAllocation(),
                        configured.rollover()));
            }
        }
        return new TeamPlans(terms);
    }
}
