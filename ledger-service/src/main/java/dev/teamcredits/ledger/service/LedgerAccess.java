package dev.teamcredits.ledger.service;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.common.security.OperatorAccess;
import dev.teamcredits.ledger.config.LedgerConfig;
import dev.teamcredits.ledger.repository.ProjectionRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository.MemberRow;
import dev.teamcredits.ledger.repository.ProjectionRepository.OrgRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
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

    public boolean isTrustedBackend(Caller caller) {
        return caller.clientId() != null && config.trustedClients().contains(caller.clientId()) && !caller.hasEmail();
    }

    /** Operator tools (cycle close, audit, releasing any hold): common's one check. */
    public boolean isOperator(Caller caller) {
        return operators.isOperator(caller);
    }

    public void requireOperator(Caller caller, String what) {
        operators.require(caller, what);
    }

    public Uni<OrgRow> org(SqlClient c, UUID orgId) {
        return projection.org(c, orgId).onItem().ifNull().failWith(LedgerProblems::orgNotFound);
    }

    /** The caller's active membership; 404 for non-members. */
    public Uni<MemberRow> member(SqlClient c, UUID orgId, Caller caller) {
        return projection.member(c, orgId, caller.subject())
                .map(m -> {
                    if (m == null || !m.active()) {
                        throw LedgerProblems.orgNotFound();
                    }
                    return m;
                });
    }

    public Uni<MemberRow> admin(SqlClient c, UUID orgId, Caller caller) {
        return member(c, orgId, caller).invoke(m -> {
            if (!m.isAdmin()) {
                throw LedgerProblems.adminRequired();
            }
        });
    }

    /** An active member named in a request; 404 member-not-found otherwise. */
    public Uni<MemberRow> namedMember(SqlClient c, UUID orgId, String userId) {
        return projection.member(c, orgId, userId).map(m -> {
            if (m == null || !m.active()) {
                throw LedgerProblems.memberNotFound(userId);
            }
            return m;
        });
    }
}
