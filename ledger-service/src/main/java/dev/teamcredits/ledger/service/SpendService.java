package dev.teamcredits.ledger.service;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.idempotency.SqlIdempotency;
import dev.teamcredits.common.rest.ProblemException;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.SourceAmount;
import dev.teamcredits.ledger.config.LedgerConfig;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.repository.LedgerRepository.AccountSpec;
import dev.teamcredits.ledger.repository.PoolUsageRepository;
import dev.teamcredits.ledger.repository.PoolUsageRepository.Usage;
import dev.teamcredits.ledger.repository.ProjectionRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository.MemberRow;
import dev.teamcredits.ledger.repository.ProjectionRepository.OrgRow;
import dev.teamcredits.ledger.rest.dto.SpendRequest;
import dev.teamcredits.ledger.rest.dto.SpendResponse;
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
 * Spends, applied in batches: every spend waiting for the same org when a batch starts is applied
 * in that batch's single transaction (see {@link SpendBatcher}). Each spend is still judged on its
 * own, in arrival order, against balances that include the spends before it: one that cannot be
 * covered gets its 402 and changes nothing, the others commit together.
 */
@ApplicationScoped
public class SpendService {

    static final long MAX_AMOUNT = 1_000_000_000_000L;

    private final Ledger ledger;
    private final LedgerAccess access;
    private final ProjectionRepository projection;
    private final PoolUsageRepository poolUsage;
    private final SqlIdempotency keys;
    private final IdempotencyKeys keyRules;
    private final LedgerConfig config;

    public SpendService(Ledger ledger, LedgerAccess access, ProjectionRepository projection,
            PoolUsageRepository poolUsage, SqlIdempotency keys, IdempotencyKeys keyRules, LedgerConfig config) {
        this.ledger = ledger;
        this.access = access;
        this.projection = projection;
        this.poolUsage = poolUsage;
        this.keys = keys;
        this.keyRules = keyRules;
        this.config = config;
    }

    /** A validated, priced spend waiting for its batch. */
    public record Command(Caller caller, String key, String fingerprint, UUID orgId, String userId, String action,
            long quantity, long amount) {
    }

    /** Validates and prices a request; the charge itself happens in a batch. */
    public Command command(Caller caller, String key, UUID orgId, SpendRequest request) {
        IdempotencyKeys.require(key);
        String userId = chargedUser(caller, request.userId());
        boolean charged = !"EMAIL_FINDING".equals(request.action()) || !Boolean.FALSE.equals(request.resultValid());
        long amount = price(request.action(), request.quantity(), charged);
        String fingerprint = keyRules.fingerprint(List.of("spend", orgId, request));
        return new Command(caller, key, fingerprint, orgId, userId, request.action(), request.quantity(), amount);
    }

    /** Members charge themselves; a trusted backend must name the member. */
    public String chargedUser(Caller caller, String userId) {
        if (access.isTrustedBackend(caller)) {
            if (userId == null) {
                throw LedgerProblems.userRequired();
            }
            return userId;
        }
        if (userId != null && !userId.equals(caller.subject())) {
            throw LedgerProblems.notYourAccount();
        }
        return caller.subject();
    }

    /** Credits for {@code quantity} of {@code action} from the configured price list; 0 when not charged. */
    public long price(String action, long quantity, boolean charged) {
        Long price = config.prices().get(action);
        if (price == null) {
            throw LedgerProblems.unknownAction(action, config.prices().keySet().stream().sorted().toList());
        }
        try {
            long amount = charged ? Math.multiplyExact(price, quantity) : 0;
            if (amount > MAX_AMOUNT) {
                throw LedgerProblems.amountTooLarge();
            }
            return amount;
        } catch (ArithmeticException e) {
            throw LedgerProblems.amountTooLarge();
        }
    }

    /** Applies one org's batch in one transaction; returns an outcome or an error per command, in order. */
    public Uni<List<Object>> apply(UUID orgId, List<Command> batch) {
        return ledger.transaction(uow -> new BatchRun(uow, orgId, batch).run());
    }

    /**
     * The state of one batch while it runs. Each spend is one step: it is judged on the balances the
     * steps before it left, policies included, so the batch is invisible to its callers.
     */
    private final class BatchRun {

        private final UnitOfWork uow;
        private final UUID orgId;
        private final List<Command> batch;
        private final Object[] results;
        private final Map<String, Integer> leaders = new HashMap<>();
        private final List<Integer> todo = new ArrayList<>();
        private OrgRow org;
        private final Map<String, MemberRow> members = new HashMap<>();
        private final Map<String, Usage> usage = new HashMap<>();
        private final Map<String, Long> drawn = new LinkedHashMap<>();
        private final Set<String> personalLocked = new HashSet<>();

        BatchRun(UnitOfWork uow, UUID orgId, List<Command> batch) {
            this.uow = uow;
            this.orgId = orgId;
            this.batch = batch;
            this.results = new Object[batch.size()];
        }

        Uni<List<Object>> run() {
            return claimKeys()
                    .chain(() -> access.org(uow.connection, orgId))
                    .chain(before -> projection.activeMembers(uow.connection, orgId, users())
                            .chain(known -> lockAccounts(before, known)))
                    // Read again under the locks: a close or a departure that committed meanwhile is seen.
                    .chain(() -> access.org(uow.connection, orgId)).invoke(o -> org = o)
                    .chain(() -> projection.activeMembers(uow.connection, orgId, users()))
                    .invoke(list -> list.forEach(m -> members.put(m.userId(), m)))
                    .chain(() -> poolUsage.usage(uow.connection, orgId, org.cycleStart(), users()))
                    .invoke(usage::putAll)
                    .invoke(() -> todo.forEach(this::charge))
                    .chain(this::writeUsageAndKeys)
                    .map(v -> java.util.Arrays.asList(results));
        }

        /**
         * Claims the batch's keys, in (caller, key) order so that two batches never wait on each
         * other's keys crosswise; repeats of a key within the batch follow their first occurrence.
         */
        private Uni<Void> claimKeys() {
            List<Integer> firsts = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (leaders.putIfAbsent(claim(i).id(), i) == null) {
                    firsts.add(i);
                }
            }
            return keys.claim(uow.connection, firsts.stream().map(this::claim).toList()).invoke(used -> {
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
            Command c = batch.get(index);
            return new SqlIdempotency.Claim(c.caller().subject(), c.key(), c.fingerprint());
        }

        private Object replay(IdempotencyKeys.Used previous, String fingerprint) {
            try {
                return keyRules.replay(previous, fingerprint, SpendResponse.class);
            } catch (ProblemException e) {
                return e;
            }
        }

        private Set<String> users() {
            Set<String> users = new LinkedHashSet<>();
            todo.forEach(i -> users.add(batch.get(i).userId()));
            return users;
        }

        /** The pool, and the member and personal balances of the batch's members: once, in id order. */
        private Uni<Void> lockAccounts(OrgRow before, List<MemberRow> known) {
            List<AccountSpec> specs = new ArrayList<>();
            specs.add(Accounts.pool(orgId));
            for (MemberRow m : known) {
                specs.add(Accounts.member(orgId, m.userId()));
                if (before.personalFallback()) {
                    specs.add(Accounts.personal(m.userId()));
                    personalLocked.add(m.userId());
                }
            }
            return ledger.lock(uow, specs);
        }

        private void charge(int index) {
            Command c = batch.get(index);
            MemberRow member = members.get(c.userId());
            if (member == null || !uow.accounts.containsKey(Account.memberRef(orgId, c.userId()))) {
                results[index] = access.isTrustedBackend(c.caller()) ? LedgerProblems.memberNotFound(c.userId())
                        : LedgerProblems.orgNotFound();
                return;
            }
            Account pool = uow.account(Account.poolRef(orgId));
            Account own = uow.account(Account.memberRef(orgId, c.userId()));
            boolean fallback = org.personalFallback() && personalLocked.contains(c.userId());
            Account personal = fallback ? uow.account(Account.personalRef(c.userId())) : null;
            Usage used = usage.getOrDefault(c.userId(), new Usage(0, 0));
            long drawnNow = used.drawn() + drawn.getOrDefault(c.userId(), 0L);
            long room = member.poolCap() == null ? Long.MAX_VALUE : member.poolCap() - drawnNow - used.held();
            Waterfall.Plan plan = Waterfall.plan(c.amount(), member.poolAccess() ? pool : null, room, own, personal);
            if (!plan.covers(c.amount())) {
                results[index] = LedgerProblems.insufficientCredits(c.amount(), plan.available());
                return;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("userId", c.userId());
            details.put("action", c.action());
            details.put("quantity", c.quantity());
            UnitOfWork.Tx tx = uow.begin("SPEND", orgId, c.amount(), c.caller().subject(), null, null, details);
            List<SourceAmount> sources = new ArrayList<>();
            for (Waterfall.Part part : plan.parts()) {
                uow.spend(tx, part.account(), part.amount());
                sources.add(new SourceAmount(part.account().asRef(), part.amount()));
                if (part.account() == pool) {
                    drawn.merge(c.userId(), part.amount(), Long::sum);
                }
            }
            details.put("sources", sources);
            uow.emit(new CreditsSpent(orgId, tx.id(), c.userId(), c.action(), c.quantity(), c.amount(), sources,
                    org.cycleStart(), null, c.caller().subject(), pool.view(), uow.now));
            ledger.endStep(uow);
            results[index] = new Outcome<>(new SpendResponse(tx.id(), c.userId(), c.action(), c.quantity(), c.amount(),
                    sources, pool.view(), own.view(), personal == null ? null : personal.view()), false);
        }

        /** Pool draws of this cycle; stored responses for charged spends; refused spends give their keys back. */
        private Uni<Void> writeUsageAndKeys() {
            List<String> users = new ArrayList<>(drawn.keySet());
            users.sort(null);
            List<SqlIdempotency.Claim> charged = new ArrayList<>();
            List<String> responses = new ArrayList<>();
            List<SqlIdempotency.Claim> refused = new ArrayList<>();
            for (int i : todo) {
                if (results[i] instanceof Outcome<?> outcome) {
                    charged.add(claim(i));
                    responses.add(keyRules.write(outcome.value()));
                } else {
                    refused.add(claim(i));
                }
            }
            // Repeats of a key inside the batch share their first occurrence's answer.
            for (int i = 0; i < batch.size(); i++) {
                if (results[i] == null) {
                    int leader = leaders.get(claim(i).id());
                    Object first = results[leader];
                    results[i] = !batch.get(leader).fingerprint().equals(batch.get(i).fingerprint())
                            ? IdempotencyKeys.keyReused()
                            : first instanceof Outcome<?> o ? new Outcome<>(o.value(), true) : first;
                }
            }
            return poolUsage.addDrawn(uow.connection, orgId, org.cycleStart(), users, users.stream().map(drawn::get).toList())
                    .chain(() -> keys.store(uow.connection, charged, responses))
                    .chain(() -> keys.release(uow.connection, refused));
        }
    }
}
