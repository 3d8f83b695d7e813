package dev.teamcredits.team.rest.mapping;

import dev.teamcredits.team.domain.SettingsUpdate;
import dev.teamcredits.team.rest.dto.CreateOrgRequest;
import dev.teamcredits.team.rest.dto.InvitationResponse;
import dev.teamcredits.team.rest.dto.InviteRequest;
import dev.teamcredits.team.rest.dto.InvitationPage;
import dev.teamcredits.team.rest.dto.MemberPage;
import dev.teamcredits.team.rest.dto.MemberResponse;
import dev.teamcredits.team.rest.dto.MyOrgPage;
import dev.teamcredits.team.rest.dto.MyOrgResponse;
import dev.teamcredits.team.rest.dto.OrgResponse;
import dev.teamcredits.team.rest.dto.SettingsRequest;
import dev.teamcredits.team.service.InvitationService.InviteCommand;
import dev.teamcredits.team.service.InvitationView;
import dev.teamcredits.team.service.MemberView;
import dev.teamcredits.team.service.MyOrg;
import dev.teamcredits.team.service.OrgService.CreateOrgCommand;
import dev.teamcredits.team.service.OrgView;
import dev.teamcredits.team.service.Page;

/**
 * Between the API's DTOs and the use cases' commands and results: the JSON shapes live only here and in
 * {@code dto}.
 */
public final class TeamMapping {

    private TeamMapping() {
    }

    public static CreateOrgCommand command(CreateOrgRequest r) {
        return new CreateOrgCommand(r.name(), r.plan());
    }

    public static InviteCommand command(InviteRequest r) {
        return new InviteCommand(r.email(), r.role(), r.poolAccess());
    }

    public static SettingsUpdate update(SettingsRequest r) {
        return new SettingsUpdate(r.personalFallback(), r.sameDomainOnly());
    }

    public static OrgResponse dto(OrgView o) {
        return new OrgResponse(o.id(), o.name(), o.plan(),
                o.terms() == null ? null : new OrgResponse.PlanTermsResponse(o.terms().memberLimit(),
                        o.terms().monthlyAllocation(), o.terms().rollover()),
                o.cycleAnchor(), o.createdAt(), o.yourRole(), o.memberCount(),
                o.settings() == null ? null : new OrgResponse.OrgSettingsResponse(o.settings().personalFallback(),
                        o.settings().sameDomainOnly()));
    }

    public static MemberResponse dto(MemberView m) {
        return new MemberResponse(m.userId(), m.email(), m.displayName(), m.role(), m.joinedAt(),
                m.pool() == null ? null : new MemberResponse.PoolSettings(m.pool().access(), m.pool().cap()));
    }

    public static InvitationResponse dto(InvitationView i) {
        return new InvitationResponse(i.id(), i.orgId(), i.orgName(), i.email(), i.role(), i.poolAccess(), i.status(),
                i.invitedBy(), i.createdAt(), i.expiresAt());
    }

    public static MyOrgResponse dto(MyOrg o) {
        return new MyOrgResponse(o.orgId(), o.name(), o.plan(), o.role());
    }

    public static MemberPage members(Page<MemberView> page) {
        return new MemberPage(page.items().stream().map(TeamMapping::dto).toList(), page.nextCursor());
    }

    public static InvitationPage invitations(Page<InvitationView> page) {
        return new InvitationPage(page.items().stream().map(TeamMapping::dto).toList(), page.nextCursor());
    }

    public static MyOrgPage myOrgs(Page<MyOrg> page) {
        return new MyOrgPage(page.items().stream().map(TeamMapping::dto).toList(), page.nextCursor());
    }
}
