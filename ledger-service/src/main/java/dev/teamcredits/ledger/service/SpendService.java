package dev.teamcredits.ledger.service;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.idempotency.SqlIdempotency;
import dev.teamcredits.common.rest.ProblemException;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.SourceAmount;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.domain.AccountKey;
import dev.teamcredits.ledger.domain.PoolCap;
import dev.teamcredits.ledger.domain.Postings;
import dev.teamcredits.ledger.domain.Pricing;
import dev.teamcredits.ledger.domain.TransactionType;
import dev.teamcredits.ledger.domain.Waterfall;
import dev.teamcredits.ledger.repository.PoolUsageRepository;
import dev.teamcredits.ledger.repository.PoolUsageRepository.Usage;
import dev.teamcredits.ledger.repository.ProjectionRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository.MemberRow;
import dev.teamcredits.ledger.repository.ProjectionRepository.OrgRow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Spends: a member for themself, or a trusted backend for a member. {@link #spend} answers each spend
 * on its own; underneath, spends of one org are applied in batches for speed ({@link SpendBatcher}),
 * each spend one step judged on the balances the steps before it left, policies included, so the
 * batch is invisible to its callers.
 */
@ApplicationScoped
public class SpendService {

    private final LedgerTransactions transactions;
    private final LedgerAccess access;
    private final ProjectionRepository projection;
    private final PoolUsageRepository poolUsage;
    private final SqlIdempotency keys;
    private final IdempotencyKeys keyRules;
    private final Pricing pricing;
    private final SpendBatcher batcher;

    public SpendService(LedgerTransactions transactions, LedgerAccess access, ProjectionRepository projection,
            PoolUsageRepository poolUsage, SqlIdempotency keys, IdempotencyKeys keyRules, Pricing pricing,
            SpendBatcher batcher) {
        this.transactions = transactions;
        this.access = access;
        this.projection = projection;
        this.poolUsage = poolUsage;
        this.keys = keys;
        this.keyRules = keyRules;
        this.pricing = pricing;
        this.batcher = batcher;
    }

    /**
     * A spend as a caller asks for it.
     *
     * @param userId      the member to charge: null (or the caller) for a member's own spend; required for a backend
     * @param resultValid EMAIL_FINDING only: whether a valid result was returned (charged only then)
     */
    public record SpendCommand(String userId, String action, long quantity, Boolean resultValid) {
    }

    /** A validated, priced spend waiting for its batch. */
    record Pending(Caller caller, String key, String fingerprint, UUID orgId, String userId, SpendCommand command,
            long amount) {
    }

    /**
     * Charges the spend (or replays the charge of an earlier one with the same key), or says why not.
     * Invalid input is refused at once, before it joins a batch.
     */
    public Uni<SpendResult> spend(Caller caller, String key, UUID orgId, SpendCommand command) {
        IdempotencyKeys.require(key);
        String userId = access.chargedUser(caller, command.userId());
        long amount = price(command.action(), command.quantity(), command.resultValid());
        String fingerprint = keyRules.fingerprint(List.of("spend", orgId, command));
        return batcher.submit(this, new Pending(caller, key, fingerprint, orgId, userId, command, amount));
    }

    /** Credits for {@code quantity} of {@code action} from the configured price list. */
    long price(String action, long quantity, Boolean resultValid) {
        Pricing.Price price = pricing.of(action, quantity, resultValid);
        if (price.problem() == Pricing.Price.Problem.UNKNOWN_ACTION) {
            throw LedgerProblems.unknownAction(action, pricing.actions());
        }
        if (price.problem() == Pricing.Price.Problem.TOO_LARGE) {
            throw LedgerProblems.amountTooLarge();
        }
        return price.amount();
    }

    /** Applies one org's batch in one transaction; a result per spend, in order. */
    Uni<List<SpendResult>> apply(UUID orgId, List<Pending> batch) {
        return transactions.transaction(tx -> new BatchRun(tx, orgId, batch).run());
    }

    /** The state of one batch while it runs. */
    private final class BatchRun {

        private final LedgerTransaction tx;
        private final UUID orgId;
        private final List<Pending> batch;
        private final SpendResult[] results;
        private final Map<String, Integer> leaders = new HashMap<>();
        private final List<Integer> todo = new ArrayList<>();
        private OrgRow org;
        private final Map<String, MemberRow> members = new HashMap<>();
        private final Map<String, Usage> usage = new HashMap<>();
        private final Map<String, Long> drawn = new LinkedHashMap<>();
        private final Set<String> personalLocked = new HashSet<>();

        BatchRun(LedgerTransaction tx, UUID orgId, List<Pending> batch) {
            this.tx = tx;
            this.orgId = orgId;
            this.batch = batch;
            this.results = new SpendResult[batch.size()];
        }

        Uni<List<SpendResult>> run() {
            return claimKeys()
                    .chain(() -> access.org(tx, orgId))
                    .chain(before -> projection.activeMembers(tx, orgId, users())
                            .chain(known -> lockAccounts(before, known)))
                    // Read again under the locks: a close or a departure that committed meanwhile is seen.
                    .chain(() -> access.org(tx, orgId)).invoke(o -> org = o)
                    .chain(() -> projection.activeMembers(tx, orgId, users()))
                    .invoke(list -> list.forEach(m -> members.put(m.userId(), m)))
                    .chain(() -> poolUsage.usage(tx, orgId, org.cycleStart(), users()))
                    .invoke(usage::putAll)
                    .invoke(() -> todo.forEach(this::charge))
                    .chain(this::writeUsageAndKeys)
                    .map(v -> List.of(results));
        }

        /** Claims the batch's keys; repeats of a key within the batch follow their first occurrence. */
        private Uni<Void> claimKeys() {
            List<Integer> firsts = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (leaders.putIfAbsent(claim(i).id(), i) == null) {
                    firsts.add(i);
                }
            }
            return keys.claim(tx.sql(), firsts.stream().map(this::claim).toList()).invoke(used -> {
                for (int i : firsts) {
                    IdempotencyKeys.Used previous = used.get(claim(i).id());
                    if (previous == null) {
                        todo.add(i);
                    } else {
                        results[i] = replay(previous, batch.get(i).fingerprint());
                    }
                }
            }).replaceWithVoid();
        }

        private SqlIdempotency.Claim claim(int index) {
            Pending p = batch.get(index);
            return new SqlIdempotency.Claim(p.caller().subject(), p.key(), p.fingerprint());
        }

        private SpendResult replay(IdempotencyKeys.Used previous, String fingerprint) {
            try {
                return new SpendResult.Replayed(keyRules.replay(previous, fingerprint, Charge.class).value());
            } catch (ProblemException e) {
                return new SpendResult.Refused(e);
            }
        }

        private Set<String> users() {
            Set<String> users = new LinkedHashSet<>();
            todo.forEach(i -> users.add(batch.get(i).userId()));
            return users;
        }

        /** The pool, and the member and personal balances of the batch's members: once, in id order. */
        private Uni<Void> lockAccounts(OrgRow before, List<MemberRow> known) {
            List<AccountKey> accounts = new ArrayList<>();
            accounts.add(AccountKey.pool(orgId));
            for (MemberRow m : known) {
                accounts.add(AccountKey.member(orgId, m.userId()));
                if (before.personalFallback()) {
                    accounts.add(AccountKey.personal(m.userId()));
                    personalLocked.add(m.userId());
                }
            }
            return transactions.lock(tx, accounts);
        }

        private void charge(int index) {
            Pending p = batch.get(index);
            MemberRow member = members.get(p.userId());
            Account own = member == null ? null : tx.lockedOrNull(AccountKey.member(orgId, p.userId()));
            if (own == null) {
                results[index] = new SpendResult.Refused(access.isTrustedBackend(p.caller())
                        ? LedgerProblems.memberNotFound(p.userId()) : LedgerProblems.orgNotFound());
                return;
            }
            Account pool = tx.account(AccountKey.pool(orgId));
            boolean fallback = org.personalFallback() && personalLocked.contains(p.userId());
            Account personal = fallback ? tx.account(AccountKey.personal(p.userId())) : null;
            Usage used = usage.getOrDefault(p.userId(), new Usage(0, 0));
            long room = PoolCap.room(member.poolCap(), used.drawn() + drawn.getOrDefault(p.userId(), 0L), used.held());
            Waterfall.Plan plan = Waterfall.plan(p.amount(), member.poolAccess() ? pool : null, room, own, personal);
            if (!plan.covers()) {
                results[index] = new SpendResult.Refused(LedgerProblems.insufficientCredits(p.amount(),
                        plan.available()));
                return;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("userId", p.userId());
            details.put("action", p.command().action());
            details.put("quantity", p.command().quantity());
            Postings.Tx spend = tx.postings.begin(TransactionType.SPEND, orgId, p.amount(), p.caller().subject(), null,
                    null, details);
            List<SourceAmount> sources = new ArrayList<>();
            for (Waterfall.Part part : plan.parts()) {
                tx.postings.spend(spend, part.account(), part.amount());
                sources.add(new SourceAmount(part.account().asRef(), part.amount()));
                if (part.account() == pool) {
                    drawn.merge(p.userId(), part.amount(), Long::sum);
                }
            }
            details.put("sources", sources);
            tx.postings.emit(new CreditsSpent(orgId, spend.id(), p.userId(), p.command().action(),
                    p.command().quantity(), p.amount(), sources, org.cycleStart(), null, p.caller().subject(),
                    pool.view(), tx.now()));
            transactions.endStep(tx);
            results[index] = new SpendResult.Charged(new Charge(spend.id(), p.userId(), p.command().action(),
                    p.command().quantity(), p.amount(), sources, pool.view(), own.view(),
                    personal == null ? null : personal.view()));
        }

        /** Pool draws of this cycle; stored results for charged spends; refused spends give their keys back. */
        private Uni<Void> writeUsageAndKeys() {
            List<String> users = new ArrayList<>(drawn.keySet());
            users.sort(null);
            List<SqlIdempotency.Claim> charged = new ArrayList<>();
            List<String> stored = new ArrayList<>();
            List<SqlIdempotency.Claim> refused = new ArrayList<>();
            for (int i : todo) {
                if (results[i] instanceof SpendResult.Charged c) {
                    charged.add(claim(i));
                    stored.add(keyRules.write(c.charge()));
                } else {
                    refused.add(claim(i));
                }
            }
            // Repeats of a key inside the batch share their first occurrence's answer.
            for (int i = 0; i < batch.size(); i++) {
                if (results[i] == null) {
                    int leader = leaders.get(claim(i).id());
                    SpendResult first = results[leader];
                    results[i] = !batch.get(leader).fingerprint().equals(batch.get(i).fingerprint())
                            ? new SpendResult.Refused(IdempotencyKeys.keyReused())
                            : first instanceof SpendResult.Charged c ? new SpendResult.Replayed(c.charge()) : first;
                }
            }
            return poolUsage.addDrawn(tx, orgId, org.cycleStart(), users, users.stream().map(drawn::get).toList())
                    .chain(() -> keys.store(tx.sql(), charged, stored))
                    .chain(() -> keys.release(tx.sql(), refused));
        }
    }
}
