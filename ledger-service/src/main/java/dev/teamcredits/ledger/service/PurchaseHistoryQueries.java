package dev.teamcredits.ledger.service;

import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.domain.AccountKey;
import dev.teamcredits.ledger.repository.Db;
import dev.teamcredits.ledger.repository.TopUpRepository;
import dev.teamcredits.ledger.repository.TopUpRepository.HistoryRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * The purchase history of an account (seed: "credit purchase history, tracked separately per account"): its
 * top-up requests, whatever became of them, and the purchases that completed no request, newest first. Readable
 * by whoever may read that balance: the pool's by every member, a member balance's by that member and the org's
 * admins (a former member's by admins), a personal balance's by its owner.
 */
@ApplicationScoped
public class PurchaseHistoryQueries {

    private final Db reads;
    private final LedgerAccess access;
    private final TopUpRepository topUps;

    public PurchaseHistoryQueries(Pool pool, LedgerAccess access, TopUpRepository topUps) {
        this.reads = () -> pool;
        this.access = access;
        this.topUps = topUps;
    }

    /** A page of purchase history, and the cursor of the next one (null at the end). */
    public record PurchaseHistoryPage(List<HistoryRow> items, String nextCursor) {
    }

    /** {@code account} is {@code pool} or a member's user id. */
    public Uni<PurchaseHistoryPage> ofOrgAccount(Caller caller, UUID orgId, String account, String cursor, int limit) {
        AccountKey key = TransferService.POOL.equals(account) ? AccountKey.pool(orgId) : AccountKey.member(orgId, account);
        return access.member(reads, orgId, caller).chain(me -> {
            if (key.userId() != null && !key.userId().equals(me.userId()) && !me.isAdmin()) {
                throw LedgerProblems.adminRequired();
            }
            return page(key, cursor, limit);
        });
    }

    /** The caller's personal balance's history; a service client has none (an empty page). */
    public Uni<PurchaseHistoryPage> personal(Caller caller, String cursor, int limit) {
        return page(AccountKey.personal(caller.subject()), cursor, limit);
    }

    private Uni<PurchaseHistoryPage> page(AccountKey key, String cursor, int limit) {
        // The cursor is bound to the account: another account's cursor is 400 invalid-cursor.
        Long before = cursor == null ? null : Cursors.decode(key.ref(), cursor);
        return topUps.history(reads, key.ref(), before, limit + 1).map(rows -> {
            boolean more = rows.size() > limit;
            List<HistoryRow> page = more ? rows.subList(0, limit) : rows;
            return new PurchaseHistoryPage(page, more ? Cursors.encode(key.ref(), page.get(page.size() - 1).seq()) : null);
        });
    }
}
