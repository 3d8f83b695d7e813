package dev.teamcredits.ledger.service;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.domain.AccountKey;
import dev.teamcredits.ledger.domain.BillingCycle;
import dev.teamcredits.ledger.repository.Db;
import dev.teamcredits.ledger.repository.LedgerRepository;
import dev.teamcredits.ledger.repository.PoolUsageRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository.MemberRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Balances as the caller may see them: admins the whole org, members the pool and their own balance. */
@ApplicationScoped
public class BalanceQueries {

    private final Pool pool;
    private final Db reads;
    private final LedgerAccess access;
    private final ProjectionRepository projection;
    private final PoolUsageRepository poolUsage;
    private final LedgerRepository accounts;

    public BalanceQueries(Pool pool, LedgerAccess access, ProjectionRepository projection,
            PoolUsageRepository poolUsage, LedgerRepository accounts) {
        this.pool = pool;
        this.reads = () -> pool;
        this.access = access;
        this.projection = projection;
        this.poolUsage = poolUsage;
        this.accounts = accounts;
    }

    /**
     * The team page: admins see everyone (and former members on request); members see themselves.
     * Reads run side by side (two rounds), and none of them grows with history: balances and this
     * cycle's pool usage are counters, and only open lots are read.
     */
    public Uni<TeamBalances> balances(Caller caller, UUID orgId, boolean former) {
        Uni<List<MemberRow>> everyone = former ? projection.everyMember(reads, orgId) : projection.members(reads, orgId);
        return Uni.combine().all().unis(access.org(reads, orgId), access.member(reads, orgId, caller), everyone)
                .asTuple().chain(t -> {
                    var org = t.getItem1();
                    MemberRow me = t.getItem2();
                    List<MemberRow> members = me.isAdmin() ? t.getItem3() : List.of(me);
                    List<AccountKey> keys = new ArrayList<>(List.of(AccountKey.pool(orgId)));
                    members.forEach(m -> keys.add(AccountKey.member(orgId, m.userId())));
                    return Uni.combine().all().unis(pool.withConnection(c -> accounts.peek(() -> c, keys)),
                            poolUsage.usage(reads, orgId, org.cycleStart(), members.stream().map(MemberRow::userId)
                                    .toList())).with((byRef, usage) -> {
                                        Instant now = Instant.now();
                                        byRef.values().forEach(a -> a.asOf(BillingCycle.boundary(org.cycleStart()), now));
                                        List<TeamBalances.MemberAccount> list = members.stream().map(m -> {
                                            var u = usage.getOrDefault(m.userId(), new PoolUsageRepository.Usage(0, 0));
                                            return new TeamBalances.MemberAccount(m,
                                                    byRef.get(AccountKey.member(orgId, m.userId()).ref()), u.drawn(),
                                                    u.held());
                                        }).toList();
                                        return new TeamBalances(org, byRef.get(AccountKey.pool(orgId).ref()), list);
                                    });
                });
    }

    /** The caller's personal balance (empty if it never opened). */
    public Uni<Account> personal(Caller caller) {
        return pool.withConnection(c -> accounts.peek(() -> c, List.of(AccountKey.personal(caller.subject()))))
                .map(byRef -> {
                    Account personal = byRef.values().iterator().next();
                    personal.asOf(null, Instant.now());
                    return personal;
                });
    }
}
