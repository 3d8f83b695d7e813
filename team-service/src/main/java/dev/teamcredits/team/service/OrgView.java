package dev.teamcredits.team.service;

import dev.teamcredits.events.team.OrgSettings;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.PlanTerms;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.team.domain.OrgVisibility;
import dev.teamcredits.team.repository.MemberEntity;
import dev.teamcredits.team.repository.OrgEntity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An org as the caller may see it. Stored with an idempotency key and read back on a retry, so its
 * fields keep the names of the API's {@code OrgResponse}.
 *
 * @param terms null only if the plan's terms left the configuration
 * @param settings null unless the caller may see them ({@link dev.teamcredits.team.domain.OrgVisibility})
 */
public record OrgView(UUID id, String name, Plan plan, PlanTerms terms, LocalDate cycleAnchor, Instant createdAt,
        Role yourRole, long memberCount, OrgSettings settings) {

    /** {@code org} as {@code viewer} sees it, on the plan whose terms are {@code terms}. */
    static OrgView seenBy(MemberEntity viewer, OrgEntity org, PlanTerms terms, long memberCount) {
        return new OrgView(org.id, org.name, org.plan, terms, org.cycleAnchor, org.createdAt, viewer.role, memberCount,
                OrgVisibility.seesSettings(viewer.role) ? org.settings() : null);
    }
}
