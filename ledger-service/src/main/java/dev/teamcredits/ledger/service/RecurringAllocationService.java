package dev.teamcredits.ledger.service;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.domain.CycleClosing;
import dev.teamcredits.ledger.repository.Db;
import dev.teamcredits.ledger.repository.ProjectionRepository;
import dev.teamcredits.ledger.repository.RecurringAllocationRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Admins set per-member allocations that each cycle close applies from the pool ({@link CycleClosing#allocate}). */
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

    /** TOP_UP_TO: each cycle start, top the member balance up to {@code amount}; ADD: add {@code amount}. */
    public record RecurringAllocation(CycleClosing.Mode mode, long amount) {
    }

    public Uni<RecurringAllocation> put(Caller caller, UUID orgId, String userId, RecurringAllocation allocation) {
        return pool.withTransaction(c -> {
            Db db = () -> c;
            return access.admin(db, orgId, caller)
                    // Share-locked: a departure (which ends the setting) either waits for this or is seen here.
                    .chain(() -> projection.lockMember(db, orgId, userId)).invoke(m -> {
                        if (m == null || !m.active()) {
                            throw LedgerProblems.memberNotFound(userId);
                        }
                    })
                    .chain(() -> allocations.put(db, orgId, userId, allocation.mode().name(), allocation.amount()))
                    .replaceWith(allocation);
        });
    }

    public Uni<Void> delete(Caller caller, UUID orgId, String userId) {
        return pool.withTransaction(c -> {
            Db db = () -> c;
            return access.admin(db, orgId, caller).chain(() -> allocations.delete(db, orgId, userId));
        });
    }
}
