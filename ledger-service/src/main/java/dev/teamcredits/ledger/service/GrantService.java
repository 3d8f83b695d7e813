package dev.teamcredits.ledger.service;

import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.domain.AccountKey;
import dev.teamcredits.ledger.domain.Postings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Operator grants: goodwill, support, migration. An operator client (common's {@code OperatorAccess}) grants
 * credits into a pool, an active member's balance or a personal balance, always with a reason on record; they
 * arrive as a {@code TOP_UP} lot (never expiring) from the {@code grants} system account, apart from what the
 * plan brings and what was bought. No user token, an org admin's included, creates credits.
 */
@ApplicationScoped
public class GrantService {

    private final LedgerTransactions transactions;
    private final LedgerAccess access;
    private final IdempotentOperations idempotent;
    private final CreditTargets targets;

    public GrantService(LedgerTransactions transactions, LedgerAccess access, IdempotentOperations idempotent,
            CreditTargets targets) {
        this.transactions = transactions;
        this.access = access;
        this.idempotent = idempotent;
        this.targets = targets;
    }

    public Uni<Outcome<OperatorGrant>> grant(Caller caller, String key, AccountKey account, long amount,
            String reason) {
        access.requireOperator(caller, "grant credits");
        return transactions.transaction(tx -> idempotent.once(tx, caller, key,
                List.of("operator-grant", account, amount, reason), OperatorGrant.class,
                () -> targets.lock(tx, account).map(to -> {
                    Postings.Tx posted = tx.postings.operatorGrant(to, amount, reason, caller.subject());
                    transactions.endStep(tx);
                    return new OperatorGrant(posted.id(), to.orgId, to.asRef(), amount, reason, caller.subject(),
                            tx.now(), to.view());
                })));
    }
}
