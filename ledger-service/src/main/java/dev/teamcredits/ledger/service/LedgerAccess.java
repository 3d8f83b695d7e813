package dev.teamcredits.ledger.service;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.common.security.OperatorAccess;
import dev.teamcredits.ledger.config.LedgerConfig;
import dev.teamcredits.ledger.repository.ProjectionRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository.MemberRow;
import dev.teamcredits.ledger.repository.ProjectionRepository.OrgRow;
import io.smallrye.mutiny.Uni;
import dev.teamcredits.ledger.repository.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Who may do what in an org, decided by the ledger's projection of team.events: a non-member gets
 * 404 (the org is not revealed), a member asking for an admin action 403. A trusted backend (a
 * client-credentials token whose client is in {@code ledger.trusted-clients}) may spend for members.
 */
@ApplicationScoped
public class LedgerAccess {

    private final ProjectionRepository projection;
    private final LedgerConfig config;

    private final OperatorAccess operators;

    public LedgerAccess(ProjectionRepository projection, LedgerConfig config, OperatorAccess operators) {
        this.projection = projection;
        this.config = config;
        this.operators = operators;
    }

    /** Who a spend or reservation charges: members charge themselves; a trusted backend must name the member. */
    public String chargedUser(Caller caller, String userId) {
        if (isTrustedBackend(caller)) {
            if (userId == null) {
                throw LedgerProblems.userRequired();
            }
            return userId;
        }
        if (userId != null && !userId.equals(caller.subject())) {
            throw LedgerProblems.notYourAccount();
        }
        return caller.subject();
    }

    public boolean isTrustedBackend(Caller caller) {
        return caller.clientId() != null && config.trustedClients().contains(caller.clientId()) && !caller.hasEmail();
    }

    /**
     * The billing backend (a client-credentials token whose client is in {@code ledger.billing-clients}): it records
     * purchases and declines top-up requests, nothing else.
     */
    public boolean isBillingClient(Caller caller) {
        return caller.clientId() != null && config.billingClients().contains(caller.clientId()) && !caller.hasEmail();
    }

    /** Operator tools (cycle close, audit, releasing any hold): common's one check. */
    public boolean isOperator(Caller caller) {
        return operators.isOperator(caller);
    }

    public void requireOperator(Caller caller, String what) {
        operators.require(caller, what);
    }

    public Uni<OrgRow> org(Db db, UUID orgId) {
        return projection.org(db, orgId).onItem().ifNull().failWith(LedgerProblems::orgNotFound);
    }

    /** The caller's active membership; 404 for non-members. */
    public Uni<MemberRow> member(Db db, UUID orgId, Caller caller) {
        return projection.member(db, orgId, caller.subject())
                .map(m -> {
                    if (m == null || !m.active()) {
                        throw LedgerProblems.orgNotFound();
                    }
                    return m;
                });
    }

    /** The caller's membership, active or former; 404 for someone who never was a member. */
    public Uni<MemberRow> memberOrFormer(Db db, UUID orgId, Caller caller) {
        return projection.member(db, orgId, caller.subject()).onItem().ifNull().failWith(LedgerProblems::orgNotFound);
    }

    public Uni<MemberRow> admin(Db db, UUID orgId, Caller caller) {
        return member(db, orgId, caller).invoke(m -> {
            if (!m.isAdmin()) {
                throw LedgerProblems.adminRequired();
            }
        });
    }

    /**
     * The member a hold is for ({@code userId} as {@link #chargedUser} named them), with their row locked: a
     * departure, which updates that row, either waits until the hold has committed (and then ends it with the
     * others) or has committed first (then 404, as {@link #member} and {@link #namedMember} answer). Taken
     * before any account lock, in the global lock order; holds of one org serialize on its pool row anyway.
     */
    public Uni<MemberRow> lockedChargedMember(Db db, UUID orgId, Caller caller, String userId) {
        return projection.lockMemberForHold(db, orgId, userId).map(m -> {
            if (m == null || !m.active()) {
                throw isTrustedBackend(caller) ? LedgerProblems.memberNotFound(userId) : LedgerProblems.orgNotFound();
            }
            return m;
        });
    }

    /** An active member named in a request; 404 member-not-found otherwise. */
    public Uni<MemberRow> namedMember(Db db, UUID orgId, String userId) {
        return projection.member(db, orgId, userId).map(m -> {
            if (m == null || !m.active()) {
                throw LedgerProblems.memberNotFound(userId);
            }
            return m;
        });
    }
}
