package dev.teamcredits.ledger.service;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.ledger.domain.AccountKey;
import dev.teamcredits.ledger.domain.AutoTopUpPolicy;
import dev.teamcredits.ledger.repository.AutoTopUpRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Admins set an auto top-up on the pool or a member balance; {@link AutoTopUpPolicy} fires it. */
@ApplicationScoped
public class AutoTopUpService {

    private final LedgerTransactions transactions;
    private final LedgerAccess access;
    private final AutoTopUpRepository settings;

    public AutoTopUpService(LedgerTransactions transactions, LedgerAccess access, AutoTopUpRepository settings) {
        this.transactions = transactions;
        this.access = access;
        this.settings = settings;
    }

    /**
     * @param threshold     refill when available credits drop below this
     * @param amount        top-up credits added each time
     * @param perCycleLimit most refills per billing cycle
     */
    public record AutoTopUpSetting(long threshold, long amount, int perCycleLimit) {
    }

    public Uni<AutoTopUpSetting> put(Caller caller, UUID orgId, String account, AutoTopUpSetting setting) {
        return transactions.transaction(tx -> access.admin(tx, orgId, caller)
                .chain(() -> key(tx, orgId, account))
                // Checked again under the lock: a member whose departure committed meanwhile gets no setting.
                .chain(key -> transactions.lock(tx, List.of(key)).chain(() -> key(tx, orgId, account)))
                .chain(key -> access.org(tx, orgId).chain(org -> settings.put(tx, tx.account(key).id,
                        setting.threshold(), setting.amount(), setting.perCycleLimit(), org.cycleStart())))
                .replaceWith(setting));
    }

    public Uni<Void> delete(Caller caller, UUID orgId, String account) {
        return transactions.transaction(tx -> access.admin(tx, orgId, caller)
                .chain(() -> key(tx, orgId, account))
                .chain(key -> settings.delete(tx, key.ref())));
    }

    private Uni<AccountKey> key(LedgerTransaction tx, UUID orgId, String account) {
        if (TransferService.POOL.equals(account)) {
            return Uni.createFrom().item(AccountKey.pool(orgId));
        }
        return access.namedMember(tx, orgId, account).map(m -> AccountKey.of(orgId, AccountRef.member(m.userId())));
    }
}
