package dev.teamcredits.ledger.service;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.repository.LedgerRepository.AccountSpec;
import dev.teamcredits.ledger.rest.dto.AutoTopUpRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Admins set an auto top-up on the pool or a member balance; it fires from the ledger's own postings. */
@ApplicationScoped
public class AutoTopUpService {

    private final Ledger ledger;
    private final LedgerAccess access;

    public AutoTopUpService(Ledger ledger, LedgerAccess access) {
        this.ledger = ledger;
        this.access = access;
    }

    public Uni<AutoTopUpRequest> put(Caller caller, UUID orgId, String account, AutoTopUpRequest request) {
        return ledger.transaction(uow -> access.admin(uow.connection, orgId, caller)
                .chain(() -> spec(uow, orgId, account))
                // Checked again under the lock: a member whose departure committed meanwhile gets no setting.
                .chain(spec -> ledger.lock(uow, List.of(spec)).chain(() -> spec(uow, orgId, account)).replaceWith(spec))
                .chain(spec -> access.org(uow.connection, orgId).chain(org -> uow.connection.preparedQuery(
                        "INSERT INTO auto_top_up (account_id, threshold, amount, per_cycle_limit, fired, cycle_start, armed) "
                                + "VALUES ($1, $2, $3, $4, 0, $5, true) ON CONFLICT (account_id) DO UPDATE SET "
                                + "threshold = excluded.threshold, amount = excluded.amount, "
                                + "per_cycle_limit = excluded.per_cycle_limit, armed = true")
                        .execute(Tuple.of(uow.account(spec.ref()).id, request.threshold(), request.amount(),
                                request.perCycleLimit(), org.cycleStart()))))
                .replaceWith(request));
    }

    public Uni<Void> delete(Caller caller, UUID orgId, String account) {
        return ledger.transaction(uow -> access.admin(uow.connection, orgId, caller)
                .chain(() -> spec(uow, orgId, account))
                .chain(spec -> uow.connection.preparedQuery("DELETE FROM auto_top_up WHERE account_id = "
                        + "(SELECT id FROM account WHERE ref = $1)").execute(Tuple.of(spec.ref())))
                .replaceWithVoid());
    }

    private Uni<AccountSpec> spec(UnitOfWork uow, UUID orgId, String account) {
        if (TransferService.POOL.equals(account)) {
            return Uni.createFrom().item(Accounts.pool(orgId));
        }
        return access.namedMember(uow.connection, orgId, account)
                .map(m -> Accounts.of(orgId, AccountRef.member(m.userId())));
    }

}
