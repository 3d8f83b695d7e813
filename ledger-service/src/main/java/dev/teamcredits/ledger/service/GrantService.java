package dev.teamcredits.ledger.service;

import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.domain.LotKind;
import dev.teamcredits.ledger.repository.LedgerRepository.AccountSpec;
import dev.teamcredits.ledger.rest.dto.TopUpResponse;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Credits entering the ledger: subscription allocations, team and personal top-ups. Top-ups never expire. */
@ApplicationScoped
public class GrantService {

    private final Ledger ledger;
    private final LedgerAccess access;
    private final IdempotentOperations idempotent;

    public GrantService(Ledger ledger, LedgerAccess access, IdempotentOperations idempotent) {
        this.ledger = ledger;
        this.access = access;
        this.idempotent = idempotent;
    }

    /** An admin adds top-up credits to the org's pool. */
    public Uni<Outcome<TopUpResponse>> topUpPool(Caller caller, String key, UUID orgId, long amount) {
        return ledger.transaction(uow -> idempotent.once(uow, caller, key, List.of("top-up-pool", orgId, amount),
                TopUpResponse.class, () -> access.admin(uow.connection, orgId, caller)
                        .chain(admin -> lockAndGrant(uow, Accounts.pool(orgId), amount, caller))));
    }

    /** A user adds top-up credits to their personal balance (which opens, with its free credits, if new). */
    public Uni<Outcome<TopUpResponse>> topUpPersonal(Caller caller, String key, long amount) {
        return ledger.transaction(uow -> idempotent.once(uow, caller, key, List.of("top-up-personal", amount),
                TopUpResponse.class, () -> ledger.openPersonal(uow, caller.subject())
                        .map(personal -> grant(uow, personal, amount, caller))));
    }

    private Uni<TopUpResponse> lockAndGrant(UnitOfWork uow, AccountSpec spec, long amount, Caller caller) {
        return ledger.lock(uow, List.of(spec)).map(v -> grant(uow, uow.account(spec.ref()), amount, caller));
    }

    private TopUpResponse grant(UnitOfWork uow, Account account, long amount, Caller caller) {
        UnitOfWork.Tx tx = ledger.grant(uow, account, amount, LotKind.TOP_UP, null, "TOP_UP", caller.subject());
        ledger.endStep(uow);
        return new TopUpResponse(tx.id(), amount, account.view());
    }
}
