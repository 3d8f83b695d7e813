package dev.teamcredits.ledger.service;

import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.domain.AccountKey;
import dev.teamcredits.ledger.repository.ProjectionRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository.MemberRow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The account bought or granted credits arrive in, locked, once it may receive them: an org's pool (the org
 * exists), an active member's balance (never the account of someone who left: SPEC's inactive accounts), or
 * a user's personal balance, which opens (with its free credits) if it never did. Membership is read right
 * behind the lock, so a departure that committed while the lock was awaited is seen; one that comes later
 * sweeps what arrived back to the pool, so nothing is stranded.
 */
@ApplicationScoped
public class CreditTargets {

    private final LedgerTransactions transactions;
    private final LedgerAccess access;
    private final ProjectionRepository projection;

    public CreditTargets(LedgerTransactions transactions, LedgerAccess access, ProjectionRepository projection) {
        this.transactions = transactions;
        this.access = access;
        this.projection = projection;
    }

    public Uni<Account> lock(LedgerTransaction tx, AccountKey key) {
        return switch (key.kind()) {
            case PERSONAL -> transactions.openPersonal(tx, key.userId());
            case POOL -> access.org(tx, key.orgId()).chain(() -> transactions.lock(tx, List.of(key)))
                    .map(v -> tx.account(key));
            case MEMBER -> access.org(tx, key.orgId())
                    .chain(() -> Uni.combine().all().unis(transactions.lock(tx, List.of(key)),
                            projection.member(tx, key.orgId(), key.userId())).with((v, member) -> {
                                requireActive(member, key.userId());
                                return tx.account(key);
                            }));
        };
    }

    /** 404 for someone who never was a member, 409 for a former member: nothing arrives in their account. */
    static void requireActive(MemberRow member, String userId) {
        if (member == null) {
            throw LedgerProblems.memberNotFound(userId);
        }
        if (!member.active()) {
            throw LedgerProblems.memberInactive(userId);
        }
    }
}
