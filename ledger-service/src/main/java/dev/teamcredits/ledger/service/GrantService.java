package dev.teamcredits.ledger.service;

import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.domain.AccountKey;
import dev.teamcredits.ledger.domain.LotKind;
import dev.teamcredits.ledger.domain.Postings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Credits entering the ledger by a top-up: an admin's into the pool, a user's into their personal balance. Top-ups never expire. */
@ApplicationScoped
public class GrantService {

    private final LedgerTransactions transactions;
    private final LedgerAccess access;
    private final IdempotentOperations idempotent;

    public GrantService(LedgerTransactions transactions, LedgerAccess access, IdempotentOperations idempotent) {
        this.transactions = transactions;
        this.access = access;
        this.idempotent = idempotent;
    }

    /** An admin adds top-up credits to the org's pool. */
    public Uni<Outcome<TopUp>> topUpPool(Caller caller, String key, UUID orgId, long amount) {
        return transactions.transaction(tx -> idempotent.once(tx, caller, key, List.of("top-up-pool", orgId, amount),
                TopUp.class, () -> access.admin(tx, orgId, caller)
                        .chain(admin -> transactions.lock(tx, List.of(AccountKey.pool(orgId))))
                        .map(v -> grant(tx, tx.account(AccountKey.pool(orgId)), amount, caller))));
    }

    /**
     * A user adds top-up credits to their personal balance (which opens, with its free credits, if new). A service
     * client (no email) has no person to own them: they could never be spent (a backend spends members' credits),
     * so they would be stranded; 403 {@code user-token-required}.
     */
    public Uni<Outcome<TopUp>> topUpPersonal(Caller caller, String key, long amount) {
        if (!caller.hasEmail()) {
            return Uni.createFrom().failure(LedgerProblems.userTokenRequired());
        }
        return transactions.transaction(tx -> idempotent.once(tx, caller, key, List.of("top-up-personal", amount),
                TopUp.class, () -> transactions.openPersonal(tx, caller.subject())
                        .map(personal -> grant(tx, personal, amount, caller))));
    }

    private TopUp grant(LedgerTransaction tx, Account account, long amount, Caller caller) {
        Postings.Tx grant = tx.postings.grant(account, amount, LotKind.TOP_UP, null, "TOP_UP", caller.subject());
        transactions.endStep(tx);
        return new TopUp(grant.id(), amount, account.view());
    }
}
