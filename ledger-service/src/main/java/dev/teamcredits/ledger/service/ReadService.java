package dev.teamcredits.ledger.service;

import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.repository.JournalRepository;
import dev.teamcredits.ledger.repository.LedgerRepository;
import dev.teamcredits.ledger.repository.LedgerRepository.AccountSpec;
import dev.teamcredits.ledger.repository.PoolUsageRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository.MemberRow;
import dev.teamcredits.ledger.rest.dto.BalancesResponse;
import dev.teamcredits.ledger.rest.dto.LotView;
import dev.teamcredits.ledger.rest.dto.PersonalBalanceResponse;
import dev.teamcredits.ledger.rest.dto.TransactionPage;
import dev.teamcredits.ledger.rest.dto.TransactionView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    private final LedgerRepository accounts;

    public ReadService(Pool pool, LedgerAccess access, ProjectionRepository projection, PoolUsageRepository poolUsage,
            JournalRepository journal, LedgerRepository accounts) {
        this.accounts = accounts;
        this.pool = pool;
        this.access = access;
        this.projection = projection;
        this.poolUsage = poolUsage;
        this.journal = journal;
    }

    /**
     * The team page: the pool and the members the caller may see (admins: everyone, and former
     * members on request; members: themselves), with their credits by kind and expiry.
     */
    public Uni<BalancesResponse> balances(Caller caller, UUID orgId, boolean former) {
        return access.org(pool, orgId).chain(org -> access.member(pool, orgId, caller).chain(me -> {
            Uni<List<MemberRow>> visible = !me.isAdmin() ? Uni.createFrom().item(List.of(me))
                    : former ? projection.everyMember(pool, orgId) : projection.members(pool, orgId);
            return visible.chain(members -> {
                List<AccountSpec> specs = new ArrayList<>(List.of(Accounts.pool(orgId)));
                members.forEach(m -> specs.add(Accounts.member(orgId, m.userId())));
                return pool.withConnection(c -> accounts.peek(c, specs))
                        .chain(byRef -> poolUsage.usage(pool, orgId, org.cycleStart(),
                                members.stream().map(MemberRow::userId).toList()).map(usage -> {
                                    Instant cycleStart = org.cycleStart().atStartOfDay().toInstant(ZoneOffset.UTC);
                                    byRef.values().forEach(a -> asOf(a, cycleStart));
                                    Account p = byRef.get(Account.poolRef(orgId));
                                    var poolBalance = new BalancesResponse.PoolBalance(p.balance, p.reserved,
                                            p.available(), p.cycleIn, lots(p));
                                    List<BalancesResponse.MemberBalance> list = members.stream().map(m -> {
                                        Account a = byRef.get(Account.memberRef(orgId, m.userId()));
                                        var u = usage.getOrDefault(m.userId(), new PoolUsageRepository.Usage(0, 0));
                                        return new BalancesResponse.MemberBalance(m.userId(), m.email(), m.displayName(),
                                                m.active(), a.balance, a.reserved, a.available(), m.poolAccess(),
                                                m.poolCap(), u.drawn(), u.held(), lots(a));
                                    }).toList();
                                    return new BalancesResponse(orgId, org.cycleStart(), org.cycleEnd(), poolBalance,
                                            list);
                                }));
            });
        }));
    }

    /** The caller's personal balance (zero if it never opened). */
    public Uni<PersonalBalanceResponse> personal(Caller caller) {
        return pool.withConnection(c -> accounts.peek(c, List.of(Accounts.personal(caller.subject())))).map(byRef -> {
            Account a = byRef.values().iterator().next();
            asOf(a, null);
            return new PersonalBalanceResponse(a.asRef(), a.balance, a.reserved, a.available(), lots(a));
        });
    }

    /** Which of the account's credits are past expiry now (see {@link Account#validAfter}). */
    private static void asOf(Account account, Instant cycleStart) {
        Instant now = Instant.now();
        account.closedBefore = cycleStart;
        account.validAfter = cycleStart == null || now.isAfter(cycleStart) ? now : cycleStart;
    }

    /** An account's credits summed by kind and expiry, in burn order. */
    private static List<LotView> lots(Account account) {
        Map<List<Object>, long[]> buckets = new LinkedHashMap<>();
        for (var lot : account.lots) {
            buckets.computeIfAbsent(java.util.Arrays.asList(lot.kind.name(), lot.expiresAt), k -> new long[1])[0] +=
                    lot.remaining;
        }
        return buckets.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                .map(e -> new LotView((String) e.getKey().get(0), (Instant) e.getKey().get(1), e.getValue()[0]))
                .toList();
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
