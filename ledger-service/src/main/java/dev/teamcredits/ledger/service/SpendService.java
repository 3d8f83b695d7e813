package dev.teamcredits.ledger.service;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.idempotency.SqlIdempotency;
import dev.teamcredits.common.rest.Problem;
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
import dev.teamcredits.ledger.repository.Db;
import dev.teamcredits.ledger.repository.PoolUsageRepository;
import dev.teamcredits.ledger.repository.PoolUsageRepository.Usage;
import dev.teamcredits.ledger.repository.ProjectionRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository.MemberRow;
import dev.teamcredits.ledger.repository.ProjectionRepository.OrgRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
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
import org.jboss.logging.Logger;

/**
 * Spends: a member for themself, or a trusted backend for a member. {@link #spend} answers each spend
 * on its own; underneath, spends of one org are applied in batches for speed ({@link SpendBatcher}),
 * each spend one step judged on the balances the steps before it left, policies included, so the
 * batch is invisible to its callers.
 */
@ApplicationScoped
public class SpendService {

    private static final Logger LOG = Logger.getLogger(SpendService.class);

    private final LedgerTransactions transactions;
    private final LedgerAccess access;
    private final ProjectionRepository projection;
    private final PoolUsageRepository poolUsage;
    private final SqlIdempotency keys;
    private final IdempotencyKeys keyRules;
    private final Pricing pricing;
    private final SpendBatcher batcher;
    /** Reads outside a transaction (the batch's membership check). */
    private final Db reads;

    public SpendService(LedgerTransactions transactions, LedgerAccess access, ProjectionRepository projection,
            PoolUsageRepository poolUsage, SqlIdempotency keys, IdempotencyKeys keyRules, Pricing pricing,
            SpendBatcher batcher, Pool pool) {
        this.reads = () -> pool;
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
        return batcher.submit(this, pending(caller, key, orgId, command));
    }

    /** A validated, priced spend, or a refusal (a {@link ProblemException}) of an invalid one. */
    private Pending pending(Caller caller, String key, UUID orgId, SpendCommand command) {
        IdempotencyKeys.require(key);
        String userId = access.chargedUser(caller, command.userId());
        long amount = price(command.action(), command.quantity(), command.resultValid());
        String fingerprint = keyRules.fingerprint(List.of("spend", orgId, command));
        return new Pending(caller, key, fingerprint, orgId, userId, command, amount);
    }

    /** One spend of a batch request: its own idempotency key and command. */
    public record BatchItem(String key, SpendCommand command) {
    }

    /**
     * Many spends of one org at once, each answered on its own exactly as {@link #spend} would answer
     * it: a refusal (bad key, unknown action, not enough credits…) is that item's result and never
     * fails the others. They are queued together, so a thousand fill a few batches.
     */
    public Uni<List<SpendResult>> spendBatch(Caller caller, UUID orgId, List<BatchItem> items) {
        // The request is about one org: a caller who never was its member (nor a trusted backend, which acts for
        // members) gets 404 for the whole request, as for every org endpoint, not a 200 of refused items. A former
        // member is judged item by item, as their single spends are: a retry replays what was charged before they
        // left, a new spend is refused (404).
        Uni<?> mayCall = access.isTrustedBackend(caller) ? Uni.createFrom().voidItem()
                : access.memberOrFormer(reads, orgId, caller);
        return mayCall.chain(() -> batch(caller, orgId, items));
    }

    private Uni<List<SpendResult>> batch(Caller caller, UUID orgId, List<BatchItem> items) {
        SpendResult[] results = new SpendResult[items.size()];
        List<Pending> valid = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                valid.add(pending(caller, items.get(i).key(), orgId, items.get(i).command()));
            } catch (ProblemException refused) {
                results[i] = new SpendResult.Refused(refused);
            }
        }
        return Uni.createFrom().deferred(() -> {
            List<Uni<SpendResult>> answers = new ArrayList<>(items.size());
            List<Uni<SpendResult>> queued = valid.isEmpty() ? List.of() : batcher.enqueue(this, orgId, valid);
            for (int i = 0, next = 0; i < items.size(); i++) {
                answers.add(results[i] != null ? Uni.createFrom().item(results[i])
                        : queued.get(next++).onFailure().recoverWithItem(SpendService::failedAlone));
            }
            return Uni.join().all(answers).andFailFast();
        });
    }

    /**
     * An item the database failed (no rule refused it): answered as a single spend would be, with a
     * 500 problem pointing to the log, while the other items keep their answers.
     */
    private static SpendResult failedAlone(Throwable failure) {
        if (failure instanceof ProblemException refused) {
            return new SpendResult.Refused(refused);
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(failure, "Spend of a batch failed (reference %s)", reference);
        return new SpendResult.Refused(new ProblemException(new Problem("internal-error", "Internal error", 500,
                "Something went wrong on our side; reference " + reference + ".").with("reference", reference)));
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

    /** Applies a batch (spends of one org or of several) in one transaction; a result per spend, in order. */
    Uni<List<SpendResult>> apply(List<Pending> batch) {
        return transactions.transaction(tx -> new BatchRun(tx, batch).run());
    }

    /** A key this batch claimed: its first occurrence's claim, and the item that was charged with it, if any. */
    private static final class KeyUse {

        final SqlIdempotency.Claim first;
        Integer charged;

        KeyUse(SqlIdempotency.Claim first) {
            this.first = first;
        }
    }

    /** The state of one batch while it runs. Members are named by their member account's key (org and user). */
    private final class BatchRun {

        private final LedgerTransaction tx;
        private final List<Pending> batch;
        private final SpendResult[] results;
        /** Keys claimed by this batch (first use of the key), by claim id: what an earlier use left. */
        private final Map<String, KeyUse> ours = new LinkedHashMap<>();
        /** Keys used before this batch, by claim id: what they stored. */
        private final Map<String, IdempotencyKeys.Used> earlier = new HashMap<>();
        private final Map<UUID, OrgRow> orgs = new HashMap<>();
        private final Map<AccountKey, MemberRow> members = new HashMap<>();
        private final Map<AccountKey, Usage> usage = new HashMap<>();
        private final Map<AccountKey, Long> drawn = new LinkedHashMap<>();
        private final Set<AccountKey> personalLocked = new HashSet<>();
        private final List<UUID> orgIds;
        private final List<UUID> pairOrgs = new ArrayList<>();
        private final List<String> pairUsers = new ArrayList<>();

        BatchRun(LedgerTransaction tx, List<Pending> batch) {
            this.tx = tx;
            this.batch = batch;
            this.results = new SpendResult[batch.size()];
            // The batch's members, replays included, since keys are judged in the same round trip.
            Set<AccountKey> seen = new LinkedHashSet<>();
            batch.forEach(p -> seen.add(AccountKey.member(p.orgId(), p.userId())));
            seen.forEach(k -> {
                pairOrgs.add(k.orgId());
                pairUsers.add(k.userId());
            });
            this.orgIds = batch.stream().map(Pending::orgId).distinct().toList();
        }

        /**
         * Four round trips, whatever the batch size: keys with the orgs and members; the locks with
         * everything read under them; the writes; the commit. Statements sent together are pipelined
         * by the connection and run in the order sent.
         */
        Uni<List<SpendResult>> run() {
            return Uni.combine().all().unis(claimKeys(), projection.orgs(tx, orgIds),
                    projection.activeMembers(tx, pairOrgs, pairUsers))
                    .with((claimed, before, known) -> lockAccounts(before, known))
                    .chain(locked -> locked)
                    .invoke(this::judgeInOrder)
                    .invoke(this::writeUsageAndKeysAtEnd)
                    .map(v -> List.of(results));
        }

        /**
         * Each spend as it would be judged alone after the ones before it: a key used before the batch replays
         * (or is 422 for another request); a key this batch charged replays for the same request and is 422
         * for another; a key whose uses so far were all refused kept nothing, so this use is charged afresh.
         */
        private void judgeInOrder() {
            for (int i = 0; i < batch.size(); i++) {
                String id = claim(i).id();
                IdempotencyKeys.Used used = earlier.get(id);
                if (used != null) {
                    results[i] = replay(used, batch.get(i).fingerprint());
                    continue;
                }
                KeyUse use = ours.get(id);
                if (use.charged == null) {
                    charge(i);
                    if (results[i] instanceof SpendResult.Charged) {
                        use.charged = i;
                    }
                } else if (batch.get(use.charged).fingerprint().equals(batch.get(i).fingerprint())) {
                    results[i] = new SpendResult.Replayed(((SpendResult.Charged) results[use.charged]).charge());
                } else {
                    results[i] = new SpendResult.Refused(IdempotencyKeys.keyReused());
                }
            }
        }

        /**
         * Locks the pools and the members' balances, and reads, under those locks, the orgs and members
         * again (a close or a departure that committed meanwhile is seen) and their pool usage this
         * cycle: sent together. An account created by the locking (a member's first spend) held no
         * lock when those reads ran, so they run again after it.
         */
        private Uni<Void> lockAccounts(Map<UUID, OrgRow> before, List<MemberRow> known) {
            Uni<Void> locks = transactions.lock(tx, accountsToLock(before, known));
            return Uni.combine().all().unis(locks, readUnderLocks())
                    .with((v, read) -> tx.accounts().stream().anyMatch(a -> a.created))
                    .chain(created -> created ? readUnderLocks() : Uni.createFrom().voidItem());
        }

        private Uni<Void> readUnderLocks() {
            return Uni.combine().all().unis(projection.orgs(tx, orgIds), projection.activeMembers(tx, pairOrgs, pairUsers),
                    poolUsage.usageThisCycle(tx, pairOrgs, pairUsers)).with((o, list, used) -> {
                        orgs.clear();
                        orgs.putAll(o);
                        members.clear();
                        list.forEach(m -> members.put(AccountKey.member(m.orgId(), m.userId()), m));
                        usage.clear();
                        usage.putAll(used);
                        return null;
                    }).replaceWithVoid();
        }

        /** Claims the batch's keys, each once (its first occurrence); notes which were used before the batch. */
        private Uni<Void> claimKeys() {
            List<SqlIdempotency.Claim> firsts = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (ours.putIfAbsent(claim(i).id(), new KeyUse(claim(i))) == null) {
                    firsts.add(claim(i));
                }
            }
            return keys.claim(tx.sql(), firsts).invoke(used -> {
                earlier.putAll(used);
                ours.keySet().removeAll(used.keySet());
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

        /** Each org's pool, and the member and personal balances of the batch's members: once, in id order. */
        private List<AccountKey> accountsToLock(Map<UUID, OrgRow> before, List<MemberRow> known) {
            List<AccountKey> accounts = new ArrayList<>();
            before.keySet().forEach(orgId -> accounts.add(AccountKey.pool(orgId)));
            for (MemberRow m : known) {
                OrgRow org = before.get(m.orgId());
                if (org == null) {
                    continue;
                }
                AccountKey member = AccountKey.member(m.orgId(), m.userId());
                accounts.add(member);
                if (org.personalFallback()) {
                    accounts.add(AccountKey.personal(m.userId()));
                    personalLocked.add(member);
                }
            }
            return accounts;
        }

        private void charge(int index) {
            Pending p = batch.get(index);
            OrgRow org = orgs.get(p.orgId());
            AccountKey memberKey = AccountKey.member(p.orgId(), p.userId());
            MemberRow member = members.get(memberKey);
            Account own = org == null || member == null ? null : tx.lockedOrNull(memberKey);
            if (own == null) {
                results[index] = new SpendResult.Refused(org != null && access.isTrustedBackend(p.caller())
                        ? LedgerProblems.memberNotFound(p.userId()) : LedgerProblems.orgNotFound());
                return;
            }
            Account pool = tx.account(AccountKey.pool(p.orgId()));
            boolean fallback = org.personalFallback() && personalLocked.contains(memberKey);
            Account personal = fallback ? tx.account(AccountKey.personal(p.userId())) : null;
            Usage used = usage.getOrDefault(memberKey, new Usage(0, 0));
            long room = PoolCap.room(member.poolCap(), used.drawn() + drawn.getOrDefault(memberKey, 0L), used.held());
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
            Postings.Tx spend = tx.postings.begin(TransactionType.SPEND, p.orgId(), p.amount(), p.caller().subject(),
                    null, null, details);
            List<SourceAmount> sources = new ArrayList<>();
            for (Waterfall.Part part : plan.parts()) {
                tx.postings.spend(spend, part.account(), part.amount());
                sources.add(new SourceAmount(part.account().asRef(), part.amount()));
                if (part.account() == pool) {
                    drawn.merge(memberKey, part.amount(), Long::sum);
                }
            }
            details.put("sources", sources);
            tx.postings.emit(new CreditsSpent(p.orgId(), spend.id(), p.userId(), p.command().action(),
                    p.command().quantity(), p.amount(), sources, org.cycleStart(), null, p.caller().subject(),
                    pool.view(), tx.now()));
            transactions.endStep(tx);
            results[index] = new SpendResult.Charged(new Charge(spend.id(), p.userId(), p.command().action(),
                    p.command().quantity(), p.amount(), sources, pool.view(), own.view(),
                    personal == null ? null : personal.view()));
        }

        /**
         * Pool draws of this cycle; stored results for charged spends; refused spends give their keys
         * back: written with the postings, at the end.
         */
        private void writeUsageAndKeysAtEnd() {
            List<AccountKey> drew = new ArrayList<>(drawn.keySet());
            drew.sort(java.util.Comparator.comparing(AccountKey::ref));
            List<SqlIdempotency.Claim> charged = new ArrayList<>();
            List<String> stored = new ArrayList<>();
            List<SqlIdempotency.Claim> refused = new ArrayList<>();
            for (KeyUse use : ours.values()) {
                if (use.charged == null) {
                    refused.add(use.first);
                } else {
                    // Stored with the request that was charged, which may not be the key's first use here.
                    charged.add(claim(use.charged));
                    stored.add(keyRules.write(((SpendResult.Charged) results[use.charged]).charge()));
                }
            }
            tx.writeAtEnd(poolUsage.addDrawn(tx, drew.stream().map(AccountKey::orgId).toList(),
                    drew.stream().map(k -> orgs.get(k.orgId()).cycleStart()).toList(),
                    drew.stream().map(AccountKey::userId).toList(), drew.stream().map(drawn::get).toList()));
            tx.writeAtEnd(keys.store(tx.sql(), charged, stored));
            tx.writeAtEnd(keys.release(tx.sql(), refused));
        }
    }
}
