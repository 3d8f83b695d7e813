package dev.teamcredits.ledger.service;

import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.domain.AccountKey;
import dev.teamcredits.ledger.domain.TransactionType;
import dev.teamcredits.ledger.repository.Db;
import dev.teamcredits.ledger.repository.JournalRepository;
import dev.teamcredits.ledger.repository.JournalRepository.HistoryRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The audit trail: every transaction with time, type, amount, accounts, actor and reason, newest first. */
@ApplicationScoped
public class HistoryQueries {

    private final Db reads;
    private final LedgerAccess access;
    private final JournalRepository journal;

    public HistoryQueries(Pool pool, LedgerAccess access, JournalRepository journal) {
        this.reads = () -> pool;
        this.access = access;
        this.journal = journal;
    }

    /** A page of history, and the cursor of the next one (null at the end). */
    public record HistoryPage(List<HistoryRow> items, String nextCursor) {
    }

    /**
     * History, newest first. {@code account} is {@code pool} or a member's user id; members only see
     * transactions of their own balance.
     */
    public Uni<HistoryPage> history(Caller caller, UUID orgId, String account, TransactionType type, String cursor,
            int limit) {
        Long before = cursor == null ? null : Cursors.decode(orgId.toString(), cursor);
        return access.member(reads, orgId, caller).chain(me -> {
            String ref;
            if (!me.isAdmin()) {
                if (account != null && !account.equals(me.userId())) {
                    throw LedgerProblems.adminRequired();
                }
                ref = AccountKey.member(orgId, me.userId()).ref();
            } else {
                ref = account == null ? null : TransferService.POOL.equals(account) ? AccountKey.pool(orgId).ref()
                        : AccountKey.member(orgId, account).ref();
            }
            return journal.history(reads, orgId, ref, type == null ? null : type.name(), before, limit + 1).map(rows -> {
                boolean more = rows.size() > limit;
                List<HistoryRow> page = more ? rows.subList(0, limit) : rows;
                return new HistoryPage(page,
                        more ? Cursors.encode(orgId.toString(), page.get(page.size() - 1).seq()) : null);
            });
        });
    }
}
