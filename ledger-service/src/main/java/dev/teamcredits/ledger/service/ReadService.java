package dev.teamcredits.ledger.service;

import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.repository.JournalRepository;
import dev.teamcredits.ledger.repository.PoolUsageRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository.MemberRow;
import dev.teamcredits.ledger.rest.dto.BalancesResponse;
import dev.teamcredits.ledger.rest.dto.TransactionPage;
import dev.teamcredits.ledger.rest.dto.TransactionView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Balances and history, as the caller may see them: admins the whole org, members their own part. */
@ApplicationScoped
public class ReadService {

    private final Pool pool;
    private final LedgerAccess access;
    private final ProjectionRepository projection;
    private final PoolUsageRepository poolUsage;
    private final JournalRepository journal;

    public ReadService(Pool pool, LedgerAccess access, ProjectionRepository projection, PoolUsageRepository poolUsage,
            JournalRepository journal) {
        this.pool = pool;
        this.access = access;
        this.projection = projection;
        this.poolUsage = poolUsage;
        this.journal = journal;
    }

    public Uni<BalancesResponse> balances(Caller caller, UUID orgId) {
        return access.org(pool, orgId).chain(org -> access.member(pool, orgId, caller).chain(me -> {
            Uni<List<MemberRow>> visible = me.isAdmin() ? projection.members(pool, orgId)
                    : Uni.createFrom().item(List.of(me));
            return visible.chain(members -> {
                List<String> refs = new java.util.ArrayList<>(members.stream()
                        .map(m -> Account.memberRef(orgId, m.userId())).toList());
                refs.add(Account.poolRef(orgId));
                return pool.preparedQuery("SELECT ref, balance, reserved FROM account WHERE ref = ANY($1)")
                        .execute(Tuple.of(refs.toArray(String[]::new)))
                        .chain(rows -> poolUsage.usage(pool, orgId, org.cycleStart(),
                                members.stream().map(MemberRow::userId).toList()).chain(usage -> pool.preparedQuery(
                                        "SELECT coalesce(sum(e.amount), 0) FROM journal_entry e JOIN journal_tx t ON "
                                                + "t.id = e.tx_id JOIN account a ON a.id = e.account_id "
                                                + "WHERE a.ref = $1 AND e.amount > 0 AND t.created_at >= $2")
                                        .execute(Tuple.of(Account.poolRef(orgId), org.cycleStart().atStartOfDay()
                                                .atOffset(ZoneOffset.UTC)))
                                        .map(total -> {
                                            Map<String, long[]> byRef = new HashMap<>();
                                            for (Row r : rows) {
                                                byRef.put(r.getString(0), new long[] { r.getLong(1), r.getLong(2) });
                                            }
                                            long[] p = byRef.getOrDefault(Account.poolRef(orgId), new long[2]);
                                            var poolBalance = new BalancesResponse.PoolBalance(p[0], p[1], p[0] - p[1],
                                                    total.iterator().next().getLong(0));
                                            List<BalancesResponse.MemberBalance> list = members.stream().map(m -> {
                                                long[] b = byRef.getOrDefault(Account.memberRef(orgId, m.userId()), new long[2]);
                                                var u = usage.get(m.userId());
                                                return new BalancesResponse.MemberBalance(m.userId(), m.email(),
                                                        m.displayName(), b[0], b[1], b[0] - b[1], m.poolAccess(),
                                                        m.poolCap(), u == null ? 0 : u.drawn());
                                            }).toList();
                                            return new BalancesResponse(orgId, org.cycleStart(), org.cycleEnd(),
                                                    poolBalance, list);
                                        })));
            });
        }));
    }

    /** The caller's personal balance (zero if they never had one). */
    public Uni<BalanceView> personal(Caller caller) {
        return pool.preparedQuery("SELECT balance, reserved FROM account WHERE ref = $1")
                .execute(Tuple.of(Account.personalRef(caller.subject()))).map(rows -> {
                    long balance = 0;
                    long reserved = 0;
                    for (Row r : rows) {
                        balance = r.getLong(0);
                        reserved = r.getLong(1);
                    }
                    return new BalanceView(AccountRef.personal(caller.subject()), balance, reserved, balance - reserved);
                });
    }

    /**
     * History, newest first. {@code account} is {@code pool} or a member's user id; members only see
     * transactions of their own balance.
     */
    public Uni<TransactionPage> history(Caller caller, UUID orgId, String account, String type, String cursor,
            int limit) {
        Long before = cursor == null ? null : Cursors.decode(cursor);
        return access.member(pool, orgId, caller).chain(me -> {
            String ref;
            if (!me.isAdmin()) {
                if (account != null && !account.equals(me.userId())) {
                    throw LedgerProblems.adminRequired();
                }
                ref = Account.memberRef(orgId, me.userId());
            } else {
                ref = account == null ? null
                        : TransferService.POOL.equals(account) ? Account.poolRef(orgId) : Account.memberRef(orgId, account);
            }
            return journal.history(pool, orgId, ref, type, before, limit + 1).map(rows -> {
                boolean more = rows.size() > limit;
                List<JournalRepository.HistoryRow> page = more ? rows.subList(0, limit) : rows;
                List<TransactionView> items = page.stream().map(r -> new TransactionView(r.id(), r.at(), r.type(),
                        r.amount(), r.actor(), r.reason(), r.reverses(), r.accounts())).toList();
                return new TransactionPage(items, more ? Cursors.encode(page.get(page.size() - 1).seq()) : null);
            });
        });
    }

    /** Every disagreement between the journal and the derived state; empty when all agree. */
    public Uni<List<String>> audit() {
        return journal.audit(pool);
    }

    /** The audit for an operator client: it spans every org, so no member or admin may read it. */
    public Uni<List<String>> audit(Caller caller) {
        access.requireOperator(caller, "Auditing the ledger");
        return audit();
    }
}
