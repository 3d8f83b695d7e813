package dev.teamcredits.team.service;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.team.repository.MemberEntity;
import dev.teamcredits.team.repository.MemberRepository;
import dev.teamcredits.team.repository.OrgEntity;
import dev.teamcredits.team.repository.OrgRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Who may see and change an org, decided by our membership data (never by token claims): a
 * non-member gets a 404 as if the org did not exist, a member asking for an admin action a 403.
 */
@ApplicationScoped
public class OrgAccess {

    private final OrgRepository orgs;
    private final MemberRepository members;

    public OrgAccess(OrgRepository orgs, MemberRepository members) {
        this.orgs = orgs;
        this.members = members;
    }

    /** Locks the org for the transaction; 404 if it does not exist. */
    public Uni<OrgEntity> lock(UUID orgId) {
        return orgs.lock(orgId).onItem().ifNull().failWith(TeamProblems::orgNotFound);
    }

    /** The caller's membership; 404 for a non-member, as if the org did not exist. */
    public Uni<MemberEntity> member(UUID orgId, Caller caller) {
        return members.find(orgId, caller.subject()).onItem().ifNull().failWith(TeamProblems::orgNotFound);
    }

    /** The caller's membership if they are an admin; 403 for a member, 404 for anyone else. */
    public Uni<MemberEntity> admin(UUID orgId, Caller caller) {
        return member(orgId, caller).invoke(m -> {
            if (m.role != Role.ADMIN) {
                throw TeamProblems.adminRequired();
            }
        });
    }
}
