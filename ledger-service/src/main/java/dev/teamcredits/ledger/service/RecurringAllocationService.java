package dev.teamcredits.ledger.service;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.repository.ProjectionRepository;
import dev.teamcredits.ledger.repository.RecurringAllocationRepository;
import dev.teamcredits.ledger.rest.dto.RecurringAllocationRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Admins set per-member allocations that the cycle close applies from the pool. */
@ApplicationScoped
public class RecurringAllocationService {

    private final Pool pool;
    private final LedgerAccess access;
    private final RecurringAllocationRepository allocations;
    private final ProjectionRepository projection;

    public RecurringAllocationService(Pool pool, LedgerAccess access, RecurringAllocationRepository allocations,
            ProjectionRepository projection) {
        this.pool = pool;
        this.access = access;
        this.allocations = allocations;
        this.projection = projection;
    }

    public Uni<RecurringAllocationRequest> put(Caller caller, UUID orgId, String userId, RecurringAllocationRequest r) {
        return pool.withTransaction(c -> access.admin(c, orgId, caller)
                // Share-locked: a departure (which ends the setting) either waits for this or is seen here.
                .chain(() -> projection.lockMember(c, orgId, userId)).invoke(m -> {
                    if (m == null || !m.active()) {
                        throw LedgerProblems.memberNotFound(userId);
                    }
                })
                .chain(() -> allocations.put(c, orgId, userId, r.mode(), r.amount()))
                .replaceWith(r));
    }

    public Uni<Void> delete(Caller caller, UUID orgId, String userId) {
        return pool.withTransaction(c -> access.admin(c, orgId, caller)
                .chain(() -> allocations.delete(c, orgId, userId)));
    }
}
