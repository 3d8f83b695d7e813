package dev.teamcredits.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * SPEC's money rules for one org (its pool and member balances) and the personal balances of the users it
 * names, written from SPEC and the module's README only, never from the ledger, so that the ledger's property
 * tests can find where the two disagree. Comments name README's sections; "step" is one {@link #apply(Op)}.
 */
public final class MoneyModel {

    /** A move between two accounts of the org ({@code "pool"} or a user name); only ADMIN ones are reversible. */
    public record TransferInfo(String id, String from, String to, long amount, Kind kind, String reverses) {

        public enum Kind {
            ADMIN, REVERSAL, SWEEP, RECURRING
        }
    }

    /** A two-phase hold: its holds are the non-zero waterfall shares, in waterfall order. */
    public record ReservationInfo(String id, String member, Who holder, String action, long amount, String status,
                                  List<Part> holds) {
    }

    /**
     * A request to buy credits for an account; {@code purchaseId} and {@code paymentReference} once completed.
     *
     * @param requestedBy the user who asked, or {@code auto-top-up}
     */
    public record TopUpRequestInfo(String id, Acct account, long amount, String status, String requestedBy,
                                   boolean automatic, String declineReason, String purchaseId,
                                   String paymentReference) {
    }

    /** A purchase the billing backend recorded; {@code requestId} and {@code requestedBy} when it completed one. */
    public record PurchaseInfo(String id, Acct account, long amount, String paymentReference, String requestId,
                               Long price, String currency, String requestedBy) {
    }

    /** Credits an operator granted, with the reason on record. */
    public record GrantInfo(Acct account, long amount, String reason, Who operator) {
    }

    /**
     * A row of an account's purchase history: one per request (with its purchase once completed) and one per
     * purchase that completed no request.
     */
    public record HistoryItem(String kind, String requestId, String purchaseId, long amount, String status,
                              String paymentReference, Long price, String currency, String requestedBy,
                              boolean automatic, String declineReason) {
    }

    private record Member(boolean active, Op.Role role, boolean poolAccess, Long poolCap) {
    }

    private record AutoTopUp(long threshold, long amount, int perCycleLimit, int fired, boolean armed) {
    }

    private record Recurring(String mode, long amount) {
    }

    private record UserCycle(String user, int cycle) {
    }

    private record CallerKey(Who caller, String key) {
    }

    private record Stored(Op request, Answer answer) {
    }

    private static final String POOL = "pool";
    private static final String PERSONAL = "personal";
    private static final String ACTIVE = "ACTIVE";
    public static final String AWAITING_PAYMENT = "awaiting-payment";
    public static final String COMPLETED = "completed";
    public static final String DECLINED = "declined";
    public static final String EXPIRED = "expired";
    /** Who a request the account's auto top-up made was requested by. */
    public static final String AUTO_TOP_UP = "auto-top-up";
    private static final int MAX_REASON = 500;
    private static final int MAX_PAYMENT_REFERENCE = 200;
    private static final Answer NOTED = new Answer.Noted();
    private static final Comparator<Acct> ACCOUNT_ORDER = Comparator.comparing(Acct::kind)
            .thenComparing(Acct::user, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final ModelConfig config;
    private final LocalDate anchor;
    private long monthlyAllocation;
    private boolean rollover;
    private boolean personalFallback;
    private int cycle;
    private long poolTotal;
    /** Credits that entered each account from outside, by origin (README's provenance). */
    private final HashMap<Acct, Provenance> created = new HashMap<>();
    /** Credits that left each account for actions, and by expiry. */
    private final HashMap<Acct, Long> spent = new HashMap<>();
    private final HashMap<Acct, Long> expired = new HashMap<>();
    private final TreeMap<Acct, ModelAccount> accounts = new TreeMap<>(ACCOUNT_ORDER);
    private final TreeMap<String, Member> members = new TreeMap<>();
    private final TreeSet<String> personalOpened = new TreeSet<>();
    private final TreeMap<Acct, AutoTopUp> autoTopUps = new TreeMap<>(ACCOUNT_ORDER);
    private final TreeMap<String, Recurring> recurring = new TreeMap<>();
    /** Pool credits each member's spends and captures took in the current cycle. */
    private final TreeMap<String, Long> drawn = new TreeMap<>();
    /** Pool credits in each member's open holds, whatever cycle they were made in. */
    private final TreeMap<String, Long> held = new TreeMap<>();
    private final HashMap<UserCycle, Usage> usage = new HashMap<>();
    private final LinkedHashMap<String, TransferInfo> transfers = new LinkedHashMap<>();
    private final LinkedHashMap<String, ReservationInfo> reservations = new LinkedHashMap<>();
    private final HashMap<CallerKey, Stored> idempotency = new HashMap<>();
    private final LinkedHashMap<String, TopUpRequestInfo> requests = new LinkedHashMap<>();
    private final LinkedHashMap<String, PurchaseInfo> purchases = new LinkedHashMap<>();
    /** What each purchase answered when it was recorded: the same payment reference again gets it. */
    private final HashMap<String, Answer.Purchased> purchaseAnswers = new HashMap<>();
    private final List<GrantInfo> grants = new ArrayList<>();
    /** Requests and purchases without a request, in the order they were made (purchase histories). */
    private final List<String> historyOrder = new ArrayList<>();
    /** Accounts the current step changed: README's policies run for these at its end. */
    private final LinkedHashSet<Acct> touched = new LinkedHashSet<>();

    /** The org in cycle 0, with cycle 0's allocation in the pool and no member yet. */
    public MoneyModel(ModelConfig config, LocalDate anchor, long monthlyAllocation, boolean rollover,
                      boolean personalFallback) {
        this(config, anchor);
        this.monthlyAllocation = monthlyAllocation;
        this.rollover = rollover;
        this.personalFallback = personalFallback;
        grant(Acct.pool(), LotKind.SUBSCRIPTION, boundary(1), monthlyAllocation, Origin.ALLOCATION);
        touched.clear();
    }

    private MoneyModel(ModelConfig config, LocalDate anchor) {
        this.config = config;
        this.anchor = anchor;
    }

    /** A deep, independent copy, so that a checker can try an operation without changing this model. */
    public MoneyModel copy() {
        MoneyModel copy = new MoneyModel(config, anchor);
        copy.monthlyAllocation = monthlyAllocation;
        copy.rollover = rollover;
        copy.personalFallback = personalFallback;
        copy.cycle = cycle;
        copy.poolTotal = poolTotal;
        copy.created.putAll(created);
        copy.spent.putAll(spent);
        copy.expired.putAll(expired);
        accounts.forEach((acct, account) -> copy.accounts.put(acct, account.copy()));
        copy.members.putAll(members);
        copy.personalOpened.addAll(personalOpened);
        copy.autoTopUps.putAll(autoTopUps);
        copy.recurring.putAll(recurring);
        copy.drawn.putAll(drawn);
        copy.held.putAll(held);
        copy.usage.putAll(usage);
        copy.transfers.putAll(transfers);
        copy.reservations.putAll(reservations);
        copy.idempotency.putAll(idempotency);
        copy.requests.putAll(requests);
        copy.purchases.putAll(purchases);
        copy.purchaseAnswers.putAll(purchaseAnswers);
        copy.grants.addAll(grants);
        copy.historyOrder.addAll(historyOrder);
        return copy;
    }

    /**
     * A personal balance that exists outside the model (it predates the test): opened with exactly these credits
     * and nothing reserved, without free credits. Called again, it replaces the credits (they count as created, of
     * origin {@link Origin#EXISTING}).
     */
    public void openPersonal(String user, SortedMap<Bucket, Long> credits) {
        ModelAccount account = acct(Acct.personal(user));
        if (account.reserved > 0) {
            throw new IllegalStateException("personal balance of " + user + " has open holds");
        }
        Acct acct = Acct.personal(user);
        created.merge(acct, Provenance.NONE.plus(Origin.EXISTING, -account.balance()), Provenance::plus);
        account.credits.clear();
        credits.forEach(account::add);
        created.merge(acct, Provenance.NONE.plus(Origin.EXISTING, account.balance()), Provenance::plus);
        personalOpened.add(user);
    }

    /** One step: the operation, then README's policies for every account it changed. */
    public Answer apply(Op op) {
        touched.clear();
        if (op instanceof Op.Join o) {
            members.put(o.user(), new Member(true, o.role(), o.poolAccess(), o.poolCap()));
            openPersonalOnce(o.user());
            return NOTED;
        } else if (op instanceof Op.Leave o) {
            return leave(o.user());
        } else if (op instanceof Op.SetRole o) {
            return updateMember(o.user(), m -> new Member(true, o.role(), m.poolAccess(), m.poolCap()));
        } else if (op instanceof Op.SetPoolAccess o) {
            return updateMember(o.user(), m -> new Member(true, m.role(), o.poolAccess(), m.poolCap()));
        } else if (op instanceof Op.SetPoolCap o) {
            return updateMember(o.user(), m -> new Member(true, m.role(), m.poolAccess(), o.poolCap()));
        } else if (op instanceof Op.SetPersonalFallback o) {
            personalFallback = o.enabled();
            return NOTED;
        } else if (op instanceof Op.ChangePlan o) {
            monthlyAllocation = o.monthlyAllocation();
            rollover = o.rollover();
            return NOTED;
        } else if (op instanceof Op.Transfer o) {
            return transfer(o.caller(), o.key(), o, o.from(), o.to(), o.amount());
        } else if (op instanceof Op.Preview o) {
            return transfer(o.caller(), null, o, o.from(), o.to(), o.amount());
        } else if (op instanceof Op.Reverse o) {
            return reverse(o);
        } else if (op instanceof Op.Spend o) {
            return spend(o);
        } else if (op instanceof Op.Reserve o) {
            return reserve(o);
        } else if (op instanceof Op.Capture o) {
            return capture(o);
        } else if (op instanceof Op.Release o) {
            return release(o);
        } else if (op instanceof Op.ExpireReservation o) {
            return expireReservation(o.reservationId());
        } else if (op instanceof Op.CloseCycle o) {
            return closeCycle(o);
        } else if (op instanceof Op.RequestTopUp o) {
            return requestTopUp(o);
        } else if (op instanceof Op.RecordPurchase o) {
            return recordPurchase(o);
        } else if (op instanceof Op.DeclineTopUp o) {
            return declineTopUp(o);
        } else if (op instanceof Op.ExpireTopUp o) {
            return expireTopUp(o.requestId());
        } else if (op instanceof Op.OperatorGrant o) {
            return operatorGrant(o);
        } else if (op instanceof Op.SetAutoTopUp o) {
            return setAutoTopUp(o);
        } else if (op instanceof Op.DeleteAutoTopUp o) {
            return deleteAutoTopUp(o);
        } else if (op instanceof Op.SetRecurring o) {
            return setRecurring(o);
        } else if (op instanceof Op.DeleteRecurring o) {
            return deleteRecurring(o);
        }
        throw new IllegalArgumentException("unknown operation " + op);
    }

    // ---- Team facts ----

    /** Role, pool access and cap changes apply to active members; a fact about anyone else changes nothing. */
    private Answer updateMember(String user, UnaryOperator<Member> change) {
        if (isActive(user)) {
            members.put(user, change.apply(members.get(user)));
        }
        return NOTED;
    }

    /** Team facts, leave: release the member's holds, sweep the balance to the pool, delete their settings. */
    private Answer leave(String user) {
        if (!isActive(user)) {
            return NOTED;
        }
        Member member = members.get(user);
        members.put(user, new Member(false, member.role(), member.poolAccess(), member.poolCap()));
        for (ReservationInfo r : List.copyOf(reservations.values())) {
            if (r.member().equals(user) && ACTIVE.equals(r.status())) {
                endReservation(r, "RELEASED");
            }
        }
        long rest = peek(Acct.member(user)).balance();
        if (rest > 0) {
            move(Acct.member(user), Acct.pool(), rest, TransferInfo.Kind.SWEEP, null);
        }
        autoTopUps.remove(Acct.member(user));
        recurring.remove(user);
        runPolicies();
        return NOTED;
    }

    /** Accounts: a personal balance opens once, with the configured free credits. */
    private void openPersonalOnce(String user) {
        if (personalOpened.add(user)) {
            grant(Acct.personal(user), LotKind.FREE, null, config.freeCredits(), Origin.FREE);
        }
    }

    // ---- Buying credits: top-up requests, purchases, declines, expiry; operator grants ----

    /** requestTopUp: amount → (personal) a user token → key → (org) member, admin, account → open requests. */
    private Answer requestTopUp(Op.RequestTopUp o) {
        if (!inRange(o.amount())) {
            return invalid();
        }
        boolean personal = PERSONAL.equals(o.account());
        if (personal && o.caller().type() != Who.Type.USER) {
            return refused(403, "user-token-required");
        }
        Answer refusal = seen(o.caller(), o.key(), o);
        if (refusal == null && !personal) {
            refusal = adminRefusal(o.caller());
            if (refusal == null && !isOrgAccount(o.account())) {
                refusal = refused(404, "member-not-found");
            }
        }
        if (refusal != null) {
            return refusal;
        }
        Acct acct = personal ? Acct.personal(o.caller().name()) : orgAcct(o.account());
        if (openRequests(acct) >= config.maxOpenTopUpRequests()) {
            return refused(409, "too-many-open-top-up-requests");
        }
        TopUpRequestInfo request = newRequest(acct, o.amount(), o.caller().name(), false);
        return remember(o.caller(), o.key(), o, requested(request));
    }

    /**
     * recordPurchase: body → billing client → key → payment reference → the request named → the account; then
     * TOP_UP credits that never expire, and the request (if any) completed.
     */
    private Answer recordPurchase(Op.RecordPurchase o) {
        boolean priced = o.price() == null ? o.currency() == null
                : o.price() >= 0 && o.currency() != null && o.currency().matches("[A-Z]{3}");
        boolean named = o.account() != null ? validAccountName(o.account()) : o.requestId() != null;
        if (!inRange(o.amount()) || !validPaymentReference(o.paymentReference()) || !priced || !named) {
            return invalid();
        }
        if (o.caller().type() != Who.Type.BILLING) {
            return refused(403, "billing-client-required");
        }
        Answer replay = seen(o.caller(), o.key(), o);
        if (replay != null) {
            return replay;
        }
        TopUpRequestInfo request = o.requestId() == null ? null : requests.get(o.requestId());
        // The account the call means: the one it names, else its request's (null when neither can be told).
        Acct acct = o.account() != null ? Acct.named(o.account()) : request == null ? null : request.account();
        PurchaseInfo first = purchaseByReference(o.paymentReference());
        if (first != null) {
            // The same payment again: its first purchase, whoever records it; it changed nothing, so stores nothing.
            return first.account().equals(acct) && first.amount() == o.amount()
                    ? new Answer.Replayed(purchaseAnswers.get(first.id()))
                    : refused(409, "payment-reference-conflict");
        }
        if (o.requestId() != null) {
            if (request == null) {
                return refused(404, "top-up-request-not-found");
            }
            if (request.amount() != o.amount() || !request.account().equals(acct)) {
                return refused(409, "top-up-request-mismatch");
            }
            if (!AWAITING_PAYMENT.equals(request.status()) && !EXPIRED.equals(request.status())) {
                return refused(409, "top-up-request-settled");
            }
        }
        Answer refusal = accountRefusal(acct);
        if (refusal != null) {
            return refusal;
        }
        if (acct.kind() == Acct.Kind.PERSONAL) {
            openPersonalOnce(acct.user());
        }
        grant(acct, LotKind.TOP_UP, null, o.amount(), Origin.PURCHASE);
        String id = "P" + (purchases.size() + 1);
        purchases.put(id, new PurchaseInfo(id, acct, o.amount(), o.paymentReference(), o.requestId(), o.price(),
                o.currency(), request == null ? null : request.requestedBy()));
        if (request == null) {
            historyOrder.add(id);
        } else {
            // An expired request is completed late: the payment was taken.
            requests.put(request.id(), new TopUpRequestInfo(request.id(), acct, request.amount(), COMPLETED,
                    request.requestedBy(), request.automatic(), null, id, o.paymentReference()));
        }
        runPolicies();
        Answer.Purchased answer = new Answer.Purchased(id, o.requestId(), o.paymentReference(), o.amount(),
                o.price(), o.currency(), view(acct));
        purchaseAnswers.put(id, answer);
        return remember(o.caller(), o.key(), o, answer);
    }

    /** declineTopUp: reason → billing client → key → the request → awaiting payment; then declined. */
    private Answer declineTopUp(Op.DeclineTopUp o) {
        if (!validReason(o.reason())) {
            return invalid();
        }
        if (o.caller().type() != Who.Type.BILLING) {
            return refused(403, "billing-client-required");
        }
        Answer replay = seen(o.caller(), o.key(), o);
        if (replay != null) {
            return replay;
        }
        TopUpRequestInfo request = requests.get(o.requestId());
        if (request == null) {
            return refused(404, "top-up-request-not-found");
        }
        if (!AWAITING_PAYMENT.equals(request.status())) {
            return refused(409, "top-up-request-settled");
        }
        TopUpRequestInfo declined = settle(request, DECLINED, o.reason());
        return remember(o.caller(), o.key(), o, requested(declined));
    }

    /** The system's expiry of an unsettled request: nothing happens unless it is awaiting payment. */
    private Answer expireTopUp(String id) {
        TopUpRequestInfo request = requests.get(id);
        if (request == null || !AWAITING_PAYMENT.equals(request.status())) {
            return NOTED;
        }
        return requested(settle(request, EXPIRED, null));
    }

    /** operatorGrant: body → operator → key → the account; then TOP_UP credits that never expire. */
    private Answer operatorGrant(Op.OperatorGrant o) {
        if (!inRange(o.amount()) || !validReason(o.reason()) || o.account() == null
                || !validAccountName(o.account())) {
            return invalid();
        }
        if (o.caller().type() != Who.Type.OPERATOR) {
            return refused(403, "operator-required");
        }
        Answer replay = seen(o.caller(), o.key(), o);
        if (replay != null) {
            return replay;
        }
        Acct acct = Acct.named(o.account());
        Answer refusal = accountRefusal(acct);
        if (refusal != null) {
            return refusal;
        }
        if (acct.kind() == Acct.Kind.PERSONAL) {
            openPersonalOnce(acct.user());
        }
        grant(acct, LotKind.TOP_UP, null, o.amount(), Origin.GRANT);
        grants.add(new GrantInfo(acct, o.amount(), o.reason(), o.caller()));
        runPolicies();
        return remember(o.caller(), o.key(), o, new Answer.Granted(o.amount(), o.reason(), view(acct)));
    }

    /** Where purchased or granted credits may land: the pool, an active member's balance, any personal balance. */
    private Answer accountRefusal(Acct acct) {
        if (acct.kind() != Acct.Kind.MEMBER || isActive(acct.user())) {
            return null;
        }
        return members.containsKey(acct.user()) ? refused(409, "member-inactive") : refused(404, "member-not-found");
    }

    private TopUpRequestInfo newRequest(Acct acct, long amount, String requestedBy, boolean automatic) {
        String id = "Q" + (requests.size() + 1);
        TopUpRequestInfo request = new TopUpRequestInfo(id, acct, amount, AWAITING_PAYMENT, requestedBy, automatic,
                null, null, null);
        requests.put(id, request);
        historyOrder.add(id);
        return request;
    }

    private TopUpRequestInfo settle(TopUpRequestInfo r, String status, String declineReason) {
        TopUpRequestInfo settled = new TopUpRequestInfo(r.id(), r.account(), r.amount(), status, r.requestedBy(),
                r.automatic(), declineReason, r.purchaseId(), r.paymentReference());
        requests.put(r.id(), settled);
        return settled;
    }

    private long openRequests(Acct acct) {
        return requests.values().stream()
                .filter(r -> r.account().equals(acct) && AWAITING_PAYMENT.equals(r.status())).count();
    }

    private PurchaseInfo purchaseByReference(String paymentReference) {
        return purchases.values().stream().filter(p -> p.paymentReference().equals(paymentReference)).findFirst()
                .orElse(null);
    }

    private static Answer.Requested requested(TopUpRequestInfo r) {
        return new Answer.Requested(r.id(), r.account(), r.amount(), r.status(), r.requestedBy(), r.automatic(),
                r.declineReason());
    }

    /** A reason on record: 1 to 500 characters, not all blank. */
    private static boolean validReason(String reason) {
        return reason != null && !reason.isBlank() && reason.length() <= MAX_REASON;
    }

    /** 1 to 200 visible ASCII characters (no space, no control character). */
    private static boolean validPaymentReference(String reference) {
        return reference != null && !reference.isEmpty() && reference.length() <= MAX_PAYMENT_REFERENCE
                && reference.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private static boolean validAccountName(String name) {
        return !name.isEmpty() && !name.equals(Acct.PERSONAL_PREFIX) && !name.equals(PERSONAL);
    }

    // ---- Transfers, previews and reversals ----

    /** transfer and preview: the same checks; a preview (key null) answers the numbers after and changes nothing. */
    private Answer transfer(Who caller, String key, Op op, String from, String to, long amount) {
        boolean preview = op instanceof Op.Preview;
        if (!inRange(amount)) {
            return invalid();
        }
        Answer refusal = firstOf(preview ? null : seen(caller, key, op), adminRefusal(caller));
        if (refusal != null) {
            return refusal;
        }
        if (!isOrgAccount(from) || !isOrgAccount(to)) {
            return refused(404, "member-not-found");
        }
        if (from.equals(to)) {
            return refused(422, "same-account");
        }
        Acct source = orgAcct(from);
        Acct target = orgAcct(to);
        refusal = availableRefusal(source, amount);
        if (refusal != null) {
            return refusal;
        }
        if (preview) {
            // The same numbers the transfer would answer (its policies included), from a copy left behind.
            MoneyModel dryRun = copy();
            dryRun.move(source, target, amount, TransferInfo.Kind.ADMIN, null);
            dryRun.runPolicies();
            return new Answer.Moved(null, true, amount, dryRun.view(source), dryRun.view(target));
        }
        String id = move(source, target, amount, TransferInfo.Kind.ADMIN, null);
        runPolicies();
        return remember(caller, key, op, new Answer.Moved(id, false, amount, view(source), view(target)));
    }

    private Answer reverse(Op.Reverse o) {
        if (o.amount() != null && !inRange(o.amount())) {
            return invalid();
        }
        Answer refusal = firstOf(seen(o.caller(), o.key(), o), adminRefusal(o.caller()));
        if (refusal != null) {
            return refusal;
        }
        TransferInfo original = transfers.get(o.transferId());
        if (original == null) {
            return refused(404, "transfer-not-found");
        }
        if (original.kind() != TransferInfo.Kind.ADMIN) {
            return refused(409, "transfer-not-reversible");
        }
        for (String account : List.of(original.from(), original.to())) {
            if (!isOrgAccount(account)) {
                return refused(409, "member-inactive", Map.of("userId", account));
            }
        }
        long left = original.amount() - transfers.values().stream()
                .filter(t -> original.id().equals(t.reverses())).mapToLong(TransferInfo::amount).sum();
        long amount = o.amount() == null ? left : o.amount();
        if (left == 0 || amount > left) {
            return refused(409, "reversal-exceeds-transfer", Map.of("reversible", left));
        }
        Acct source = orgAcct(original.to());
        Acct target = orgAcct(original.from());
        refusal = availableRefusal(source, amount);
        if (refusal != null) {
            return refusal;
        }
        String id = move(source, target, amount, TransferInfo.Kind.REVERSAL, original.id());
        runPolicies();
        return remember(o.caller(), o.key(), o, new Answer.Moved(id, false, amount, view(source), view(target)));
    }

    private Answer availableRefusal(Acct source, long amount) {
        long available = peek(source).available();
        return amount <= available ? null : refused(409, "insufficient-available-credits",
                Map.of("available", available, "shortfall", amount - available));
    }

    // ---- Spends and reservations ----

    private Answer spend(Op.Spend o) {
        Answer refusal = whoIsChargedRefusal(o.caller(), o.userId());
        if (refusal != null) {
            return refusal;
        }
        refusal = priceRefusal(o.action(), o.quantity());
        if (refusal != null) {
            return refusal;
        }
        boolean noResult = "EMAIL_FINDING".equals(o.action()) && Boolean.FALSE.equals(o.resultValid());
        long amount = noResult ? 0 : config.prices().get(o.action()) * o.quantity();
        String member = o.userId() == null ? o.caller().name() : o.userId();
        Waterfall waterfall = waterfall(o.caller(), o.key(), o, member, amount);
        if (waterfall.refusal() != null) {
            return waterfall.refusal();
        }
        List<Part> shares = waterfall.shares();
        for (Part share : shares) {
            draw(share.account(), share.amount());
            spent.merge(share.account(), share.amount(), Long::sum);
        }
        drawn.merge(member, sum(shares, Acct.Kind.POOL), Long::sum);
        count(member, shares, o.action(), amount);
        runPolicies();
        View personal = personalFallback ? view(Acct.personal(member)) : null;
        return remember(o.caller(), o.key(), o,
                new Answer.Spent(amount, shares, view(Acct.pool()), view(Acct.member(member)), personal));
    }

    private Answer reserve(Op.Reserve o) {
        Answer refusal = whoIsChargedRefusal(o.caller(), o.userId());
        if (refusal != null) {
            return refusal;
        }
        if ((o.amount() == null) == (o.action() == null)) {
            return invalid();
        }
        long amount;
        if (o.action() != null) {
            long quantity = o.quantity() == null ? 1 : o.quantity();
            refusal = priceRefusal(o.action(), quantity);
            if (refusal != null) {
                return refusal;
            }
            amount = config.prices().get(o.action()) * quantity;
        } else {
            amount = o.amount();
            if (amount < 0) {
                return invalid();
            }
            if (amount > ModelConfig.MAX_AMOUNT) {
                return refused(400, "amount-out-of-range");
            }
        }
        if (amount == 0) {
            return refused(400, "nothing-to-reserve");
        }
        if (o.ttlSeconds() < 1 || o.ttlSeconds() > config.maxTtlSeconds()) {
            return refused(400, "ttl-out-of-range");
        }
        String member = o.userId() == null ? o.caller().name() : o.userId();
        Waterfall waterfall = waterfall(o.caller(), o.key(), o, member, amount);
        if (waterfall.refusal() != null) {
            return waterfall.refusal();
        }
        List<Part> holds = waterfall.shares();
        for (Part hold : holds) {
            acct(hold.account()).reserved += hold.amount();
            touched.add(hold.account());
        }
        held.merge(member, sum(holds, Acct.Kind.POOL), Long::sum);
        String id = "R" + (reservations.size() + 1);
        String action = o.action() == null ? "RESERVATION" : o.action();
        reservations.put(id, new ReservationInfo(id, member, o.caller(), action, amount, ACTIVE, holds));
        runPolicies();
        return remember(o.caller(), o.key(), o, new Answer.Reserved(id, action, amount, holds));
    }

    /** The shares of a spend or hold, or why there are none. */
    private record Waterfall(Answer refusal, List<Part> shares) {
    }

    /** spend steps 3 to 5 (reserve 4 to 6): the key, the member, then the waterfall's shares. */
    private Waterfall waterfall(Who caller, String key, Op op, String member, long amount) {
        Answer refusal = firstOf(seen(caller, key, op), membershipRefusal(caller, member));
        if (refusal != null) {
            return new Waterfall(refusal, null);
        }
        List<Part> rooms = rooms(member);
        refusal = roomRefusal(rooms, amount);
        return refusal != null ? new Waterfall(refusal, null) : new Waterfall(null, shares(rooms, amount));
    }

    /**
     * spend step 1: a backend (or the operator) names the member; a user charges only themself (and so does a
     * billing client, which the org knows no more than any non-member).
     */
    private static Answer whoIsChargedRefusal(Who caller, String userId) {
        if (actsForMembers(caller)) {
            return userId == null ? refused(400, "user-id-required") : null;
        }
        return userId == null || userId.equals(caller.name()) ? null : refused(403, "spend-for-others");
    }

    /** spend step 2: a quantity in range, a priced action, an amount in range. */
    private Answer priceRefusal(String action, long quantity) {
        Long price = config.prices().get(action);
        if (!inRange(quantity)) {
            return invalid();
        }
        if (price == null) {
            return refused(400, "unknown-action");
        }
        return price > 0 && quantity > ModelConfig.MAX_AMOUNT / price ? refused(400, "amount-out-of-range") : null;
    }

    /** spend step 4: the charged member must be active; a user hears about its org, a backend about the member. */
    private Answer membershipRefusal(Who caller, String member) {
        if (isActive(member)) {
            return null;
        }
        return refused(404, actsForMembers(caller) ? "member-not-found" : "org-not-found");
    }

    /** spend step 5, the waterfall's rooms: pool (access, cap), member balance, personal (fallback). */
    private List<Part> rooms(String user) {
        Member member = members.get(user);
        long poolRoom = 0;
        if (member.poolAccess()) {
            long capRoom = member.poolCap() == null ? Long.MAX_VALUE
                    : Math.max(0, member.poolCap() - poolDrawnThisCycle(user) - poolHeld(user));
            poolRoom = Math.min(peek(Acct.pool()).available(), capRoom);
        }
        long personalRoom = personalFallback ? peek(Acct.personal(user)).available() : 0;
        long memberRoom = peek(Acct.member(user)).available();
        return List.of(new Part(Acct.pool(), poolRoom), new Part(Acct.member(user), memberRoom),
                new Part(Acct.personal(user), personalRoom));
    }

    private static Answer roomRefusal(List<Part> rooms, long amount) {
        long total = rooms.stream().mapToLong(Part::amount).sum();
        return amount <= total ? null : refused(402, "insufficient-credits",
                Map.of("required", amount, "available", total, "shortfall", amount - total));
    }

    /** The waterfall's non-zero shares: each room filled in order until the amount is covered. */
    private static List<Part> shares(List<Part> rooms, long amount) {
        List<Part> shares = new ArrayList<>();
        long left = amount;
        for (Part room : rooms) {
            long share = Math.min(left, room.amount());
            if (share > 0) {
                shares.add(new Part(room.account(), share));
                left -= share;
            }
        }
        return List.copyOf(shares);
    }

    private Answer capture(Op.Capture o) {
        if (!inRange(o.amount())) {
            return invalid();
        }
        Answer replay = seen(o.caller(), o.key(), o);
        if (replay != null) {
            return replay;
        }
        ReservationInfo r = visible(o.caller(), o.reservationId());
        if (r == null) {
            return refused(404, "reservation-not-found");
        }
        if (!o.caller().equals(r.holder()) && o.caller().type() != Who.Type.OPERATOR) {
            return refused(403, "reservation-not-yours");
        }
        if (!ACTIVE.equals(r.status())) {
            return refused(409, "reservation-not-active", Map.of("reservationStatus", r.status()));
        }
        if (o.amount() > r.amount()) {
            return refused(422, "capture-exceeds-reservation", Map.of("reserved", r.amount()));
        }
        // Each hold's account pays its take from the valid credits that are free once the holds ended.
        List<Part> takes = new ArrayList<>();
        long left = o.amount();
        long covered = 0;
        boolean shortOfValid = false;
        for (Part hold : r.holds()) {
            ModelAccount account = peek(hold.account());
            long validAvailable = valid(account) - Math.max(0, account.reserved - hold.amount() - pastExpiry(account));
            long take = Math.min(left, hold.amount());
            left -= take;
            covered += Math.min(hold.amount(), validAvailable);
            shortOfValid |= validAvailable < take;
            if (take > 0) {
                takes.add(new Part(hold.account(), take));
            }
        }
        if (shortOfValid) {
            return refused(402, "insufficient-credits", Map.of("required", o.amount(), "available", covered,
                    "shortfall", o.amount() - covered));
        }
        endHolds(r);
        for (Part take : takes) {
            draw(take.account(), take.amount());
            spent.merge(take.account(), take.amount(), Long::sum);
        }
        r.holds().forEach(hold -> expireExcess(hold.account()));
        drawn.merge(r.member(), sum(takes, Acct.Kind.POOL), Long::sum);
        count(r.member(), takes, r.action(), o.amount());
        reservations.put(r.id(), withStatus(r, "CAPTURED"));
        runPolicies();
        return remember(o.caller(), o.key(), o, new Answer.Captured(r.amount(), o.amount(), List.copyOf(takes)));
    }

    private Answer release(Op.Release o) {
        Answer replay = seen(o.caller(), o.key(), o);
        if (replay != null) {
            return replay;
        }
        ReservationInfo r = visible(o.caller(), o.reservationId());
        if (r == null) {
            return refused(404, "reservation-not-found");
        }
        boolean mayRelease = o.caller().equals(r.holder()) || o.caller().type() == Who.Type.OPERATOR
                || o.caller().type() == Who.Type.USER && isAdmin(o.caller().name());
        if (!mayRelease) {
            return refused(403, "reservation-not-yours");
        }
        if (!ACTIVE.equals(r.status())) {
            return refused(409, "reservation-not-active", Map.of("reservationStatus", r.status()));
        }
        endReservation(r, "RELEASED");
        runPolicies();
        return remember(o.caller(), o.key(), o, new Answer.Released("RELEASED"));
    }

    /** The system's TTL expiry: a release without checks; nothing happens unless the reservation is ACTIVE. */
    private Answer expireReservation(String id) {
        ReservationInfo r = reservations.get(id);
        if (r == null || !ACTIVE.equals(r.status())) {
            return NOTED;
        }
        endReservation(r, "EXPIRED");
        runPolicies();
        return new Answer.Released("EXPIRED");
    }

    /** capture: its holder, its member, an active admin, any backend, the operator see it; others get a 404. */
    private ReservationInfo visible(Who caller, String id) {
        ReservationInfo r = reservations.get(id);
        boolean sees = r != null && (caller.equals(r.holder()) || actsForMembers(caller)
                || caller.name().equals(r.member()) || isAdmin(caller.name()));
        return sees ? r : null;
    }

    private void endReservation(ReservationInfo r, String status) {
        endHolds(r);
        r.holds().forEach(hold -> expireExcess(hold.account()));
        reservations.put(r.id(), withStatus(r, status));
    }

    private void endHolds(ReservationInfo r) {
        for (Part hold : r.holds()) {
            acct(hold.account()).reserved -= hold.amount();
            touched.add(hold.account());
        }
        held.merge(r.member(), -sum(r.holds(), Acct.Kind.POOL), Long::sum);
    }

    private static ReservationInfo withStatus(ReservationInfo r, String status) {
        return new ReservationInfo(r.id(), r.member(), r.holder(), r.action(), r.amount(), status, r.holds());
    }

    /** Excess past-expiry credits: once holds end, the past-expiry credits no remaining hold needs expire. */
    private void expireExcess(Acct acct) {
        ModelAccount account = acct(acct);
        long excess = Math.max(0, pastExpiry(account) - account.reserved);
        for (Bucket bucket : new ArrayList<>(account.credits.keySet())) {
            long n = isPastExpiry(bucket) ? Math.min(excess, account.credits.get(bucket)) : 0;
            if (n > 0) {
                account.remove(bucket, n);
                expired.merge(acct, n, Long::sum);
                excess -= n;
            }
        }
    }

    /** spend step 6: the member's usage counters of the current cycle, one spend of {@code action}. */
    private void count(String member, List<Part> shares, String action, long amount) {
        Usage before = usage(member, cycle);
        TreeMap<String, Usage.ByAction> byAction = new TreeMap<>(before.byAction());
        Usage.ByAction old = byAction.getOrDefault(action, new Usage.ByAction(0, 0));
        byAction.put(action, new Usage.ByAction(old.credits() + amount, old.spends() + 1));
        usage.put(new UserCycle(member, cycle), new Usage(before.fromPool() + sum(shares, Acct.Kind.POOL),
                before.fromMember() + sum(shares, Acct.Kind.MEMBER),
                before.fromPersonal() + sum(shares, Acct.Kind.PERSONAL), before.spends() + 1,
                Collections.unmodifiableSortedMap(byAction)));
    }

    // ---- closeCycle ----

    private Answer closeCycle(Op.CloseCycle o) {
        if (o.caller().type() != Who.Type.OPERATOR) {
            return refused(403, "operator-required");
        }
        Answer replay = seen(o.caller(), o.key(), o);
        if (replay != null) {
            return replay;
        }
        int closed = cycle;
        Instant end = boundary(closed + 1);
        Instant nextEnd = boundary(closed + 2);
        long rolledInPool = 0;
        List<Acct> orgAccounts = new ArrayList<>(List.of(Acct.pool()));
        members.keySet().forEach(user -> orgAccounts.add(Acct.member(user)));
        for (Acct acct : orgAccounts) {
            ModelAccount account = acct(acct);
            // 1a. roll: SUBSCRIPTION credits expiring exactly now, held or not, once
            Long rolled = rollover ? account.credits.remove(new Bucket(LotKind.SUBSCRIPTION, end)) : null;
            if (rolled != null) {
                account.add(new Bucket(LotKind.ROLLOVER, nextEnd), rolled);
                touched.add(acct);
                rolledInPool += acct.kind() == Acct.Kind.POOL ? rolled : 0;
            }
            expireAtClose(acct, end);
        }
        // Time is now the old cycle's end (README's step 4, done here so that every later step of the close sees
        // the credits that expire at it as past expiry).
        cycle = closed + 1;
        poolTotal = rolledInPool;
        grant(Acct.pool(), LotKind.SUBSCRIPTION, nextEnd, monthlyAllocation, Origin.ALLOCATION);
        recurring.forEach((user, allocation) -> {
            long want = "ADD".equals(allocation.mode()) ? allocation.amount()
                    : Math.max(0, allocation.amount() - peek(Acct.member(user)).available());
            long amount = Math.min(want, peek(Acct.pool()).available());
            if (isActive(user) && amount > 0) {
                move(Acct.pool(), Acct.member(user), amount, TransferInfo.Kind.RECURRING, null);
            }
        });
        autoTopUps.replaceAll((acct, s) -> new AutoTopUp(s.threshold(), s.amount(), s.perCycleLimit(), 0, s.armed()));
        drawn.clear();
        runPolicies();
        Answer answer = new Answer.Closed(cycleStartOf(closed), cycleStartOf(closed + 1), cycleStartOf(closed + 2),
                monthlyAllocation, view(Acct.pool()));
        return remember(o.caller(), o.key(), o, answer);
    }

    /** closeCycle 1b: of the credits expiring by {@code end}, keep what holds need beyond later credits. */
    private void expireAtClose(Acct acct, Instant end) {
        ModelAccount account = acct(acct);
        long later = account.credits.entrySet().stream()
                .filter(e -> e.getKey().expiry() == null || e.getKey().expiry().isAfter(end))
                .mapToLong(Map.Entry::getValue).sum();
        long keep = Math.max(0, account.reserved - later);
        for (Bucket bucket : new ArrayList<>(account.credits.keySet())) {
            if (bucket.expiry() != null && !bucket.expiry().isAfter(end)) {
                long credits = account.credits.get(bucket);
                long kept = Math.min(keep, credits);
                keep -= kept;
                if (credits > kept) {
                    account.remove(bucket, credits - kept);
                    expired.merge(acct, credits - kept, Long::sum);
                    touched.add(acct);
                }
            }
        }
    }

    // ---- Settings ----

    private Answer setAutoTopUp(Op.SetAutoTopUp o) {
        if (!inRange(o.threshold()) || !inRange(o.amount()) || o.perCycleLimit() < 1) {
            return invalid();
        }
        Answer refusal = autoTopUpRefusal(o.caller(), o.account());
        if (refusal != null) {
            return refusal;
        }
        Acct acct = orgAcct(o.account());
        AutoTopUp before = autoTopUps.get(acct);
        int fired = before == null ? 0 : before.fired();
        autoTopUps.put(acct, new AutoTopUp(o.threshold(), o.amount(), o.perCycleLimit(), fired, true));
        return new Answer.Done(200);
    }

    private Answer deleteAutoTopUp(Op.DeleteAutoTopUp o) {
        Answer refusal = autoTopUpRefusal(o.caller(), o.account());
        if (refusal != null) {
            return refusal;
        }
        autoTopUps.remove(orgAcct(o.account()));
        return new Answer.Done(204);
    }

    private Answer setRecurring(Op.SetRecurring o) {
        if (!List.of("TOP_UP_TO", "ADD").contains(o.mode()) || !inRange(o.amount())) {
            return invalid();
        }
        Answer refusal = adminRefusal(o.caller());
        if (refusal == null && !isActive(o.user())) {
            refusal = refused(404, "member-not-found");
        }
        if (refusal != null) {
            return refusal;
        }
        recurring.put(o.user(), new Recurring(o.mode(), o.amount()));
        return new Answer.Done(200);
    }

    private Answer deleteRecurring(Op.DeleteRecurring o) {
        Answer refusal = adminRefusal(o.caller());
        if (refusal != null) {
            return refusal;
        }
        recurring.remove(o.user());
        return new Answer.Done(204);
    }

    private Answer autoTopUpRefusal(Who caller, String account) {
        Answer refusal = adminRefusal(caller);
        if (refusal == null && !isOrgAccount(account)) {
            return refused(404, "member-not-found");
        }
        return refusal;
    }

    // ---- Policies applied at the end of every operation ----

    /**
     * Auto top-up of every account the step changed: a request, never credits. It is made while the account has room
     * for another open request; it then waits (armed) for a later step.
     */
    private void runPolicies() {
        for (Acct acct : List.copyOf(touched)) {
            AutoTopUp s = autoTopUps.get(acct);
            if (s == null) {
                continue;
            }
            long available = peek(acct).available();
            if (available < s.threshold() && s.armed() && s.fired() < s.perCycleLimit()
                    && openRequests(acct) < config.maxOpenTopUpRequests()) {
                newRequest(acct, s.amount(), AUTO_TOP_UP, true);
                autoTopUps.put(acct, new AutoTopUp(s.threshold(), s.amount(), s.perCycleLimit(), s.fired() + 1, false));
            } else if (available >= s.threshold() && !s.armed()) {
                autoTopUps.put(acct, new AutoTopUp(s.threshold(), s.amount(), s.perCycleLimit(), s.fired(), true));
            }
        }
        touched.clear();
    }

    // ---- Postings ----

    /** New credits from outside (allocation, free credits, purchase, grant); the pool's count in its cycle total. */
    private void grant(Acct acct, LotKind kind, Instant expiry, long amount, Origin origin) {
        if (amount > 0) {
            acct(acct).add(new Bucket(kind, expiry), amount);
            created.merge(acct, Provenance.NONE.plus(origin, amount), Provenance::plus);
            poolTotal += acct.kind() == Acct.Kind.POOL ? amount : 0;
            touched.add(acct);
        }
    }

    /** A transfer: valid credits leave in burn order and arrive with their kind and expiry. */
    private String move(Acct from, Acct to, long amount, TransferInfo.Kind kind, String reverses) {
        ModelAccount target = acct(to);
        draw(from, amount).forEach(target::add);
        touched.add(to);
        poolTotal += to.kind() == Acct.Kind.POOL ? amount : 0;
        String id = "T" + (transfers.size() + 1);
        transfers.put(id, new TransferInfo(id, name(from), name(to), amount, kind, reverses));
        return id;
    }

    /** Takes {@code amount} valid credits in burn order; the caller checked that they are available. */
    private SortedMap<Bucket, Long> draw(Acct acct, long amount) {
        ModelAccount account = acct(acct);
        TreeMap<Bucket, Long> taken = new TreeMap<>();
        long left = amount;
        for (Bucket bucket : new ArrayList<>(account.credits.keySet())) {
            long n = isPastExpiry(bucket) ? 0 : Math.min(left, account.credits.get(bucket));
            if (n > 0) {
                account.remove(bucket, n);
                taken.put(bucket, n);
                left -= n;
            }
        }
        if (left > 0) {
            throw new IllegalStateException("model bug: " + acct + " lacks " + left + " valid credits");
        }
        touched.add(acct);
        return taken;
    }

    // ---- Idempotency ----

    /** null when {@code (caller, key)} is free; else the stored answer replayed, or a 422 for another request. */
    private Answer seen(Who caller, String key, Op op) {
        Stored stored = key == null ? null : idempotency.get(new CallerKey(caller, key));
        if (stored == null) {
            return null;
        }
        return stored.request().equals(op) ? new Answer.Replayed(stored.answer())
                : refused(422, "idempotency-key-reused");
    }

    /** Only successful answers are stored, so a refused request's key stays free. */
    private Answer remember(Who caller, String key, Op op, Answer answer) {
        if (key != null) {
            idempotency.put(new CallerKey(caller, key), new Stored(op, answer));
        }
        return answer;
    }

    // ---- Small helpers ----

    private Answer adminRefusal(Who caller) {
        if (caller.type() != Who.Type.USER || !isActive(caller.name())) {
            return refused(404, "org-not-found");
        }
        return isAdmin(caller.name()) ? null : refused(403, "admin-required");
    }

    /** Trusted backends and the operator act for members; users and billing clients act for themselves. */
    private static boolean actsForMembers(Who caller) {
        return caller.type() == Who.Type.BACKEND || caller.type() == Who.Type.OPERATOR;
    }

    private static Answer firstOf(Answer first, Answer second) {
        return first != null ? first : second;
    }

    private static Answer refused(int status, String type) {
        return refused(status, type, Map.of());
    }

    private static Answer refused(int status, String type, Map<String, Object> details) {
        return new Answer.Refused(status, type, details);
    }

    /** SPEC: an amount outside 1..10^12 is a 400 that changes nothing. */
    private static Answer invalid() {
        return refused(400, "validation-failed");
    }

    private static boolean inRange(long amount) {
        return amount >= 1 && amount <= ModelConfig.MAX_AMOUNT;
    }

    private static long sum(List<Part> parts, Acct.Kind kind) {
        return parts.stream().filter(p -> p.account().kind() == kind).mapToLong(Part::amount).sum();
    }

    private boolean isActive(String user) {
        Member member = members.get(user);
        return member != null && member.active();
    }

    private boolean isOrgAccount(String name) {
        return POOL.equals(name) || isActive(name);
    }

    private static Acct orgAcct(String name) {
        return POOL.equals(name) ? Acct.pool() : Acct.member(name);
    }

    private static String name(Acct acct) {
        return acct.kind() == Acct.Kind.POOL ? POOL : acct.user();
    }

    private Instant boundary(int k) {
        return cycleStartOf(k).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Past expiry: the bucket's cycle has been closed (its expiry is at or before the current cycle's start). */
    private boolean isPastExpiry(Bucket bucket) {
        return bucket.expiry() != null && !bucket.expiry().isAfter(boundary(cycle));
    }

    private long pastExpiry(ModelAccount account) {
        return account.credits.entrySet().stream().filter(e -> isPastExpiry(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private long valid(ModelAccount account) {
        return account.balance() - pastExpiry(account);
    }

    private ModelAccount acct(Acct acct) {
        return accounts.computeIfAbsent(acct, a -> new ModelAccount());
    }

    /** Reads an account without creating it (a refused step must not even add an empty one). */
    private ModelAccount peek(Acct acct) {
        return accounts.getOrDefault(acct, new ModelAccount());
    }

    private View view(Acct acct) {
        ModelAccount account = peek(acct);
        return new View(acct, account.balance(), account.reserved, account.available());
    }

    // ---- Reads ----

    public AccountState state(Acct acct) {
        ModelAccount account = peek(acct);
        return new AccountState(account.balance(), account.reserved, account.available(),
                Collections.unmodifiableSortedMap(new TreeMap<>(account.credits)));
    }

    public int cycle() {
        return cycle;
    }

    public LocalDate cycleStart() {
        return cycleStartOf(cycle);
    }

    public LocalDate cycleEnd() {
        return cycleStartOf(cycle + 1);
    }

    /** Boundary k: {@code anchor.plusMonths(k)}, so an anchor on the 31st gives each month's last day or the 31st. */
    public LocalDate cycleStartOf(int k) {
        return anchor.plusMonths(k);
    }

    public long poolTotalThisCycle() {
        return poolTotal;
    }

    public long poolDrawnThisCycle(String user) {
        return drawn.getOrDefault(user, 0L);
    }

    public long poolHeld(String user) {
        return held.getOrDefault(user, 0L);
    }

    public Usage usage(String user, int cycle) {
        return usage.getOrDefault(new UserCycle(user, cycle),
                new Usage(0, 0, 0, 0, Collections.unmodifiableSortedMap(new TreeMap<>())));
    }

    public SortedSet<String> activeMembers() {
        TreeSet<String> active = new TreeSet<>();
        members.forEach((user, member) -> {
            if (member.active()) {
                active.add(user);
            }
        });
        return Collections.unmodifiableSortedSet(active);
    }

    public SortedSet<String> everJoined() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(members.keySet()));
    }

    public SortedSet<String> personalOpened() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(personalOpened));
    }

    public boolean isAdmin(String user) {
        return isActive(user) && members.get(user).role() == Op.Role.ADMIN;
    }

    public boolean poolAccess(String user) {
        return isActive(user) && members.get(user).poolAccess();
    }

    public Long poolCap(String user) {
        return isActive(user) ? members.get(user).poolCap() : null;
    }

    public boolean personalFallback() {
        return personalFallback;
    }

    public long monthlyAllocation() {
        return monthlyAllocation;
    }

    public boolean rollover() {
        return rollover;
    }

    public List<TransferInfo> transfers() {
        return List.copyOf(transfers.values());
    }

    public List<ReservationInfo> reservations() {
        return List.copyOf(reservations.values());
    }

    /** Whether any account has an auto top-up setting (so that any step may make a request). */
    public boolean hasAutoTopUp() {
        return !autoTopUps.isEmpty();
    }

    public List<TopUpRequestInfo> topUpRequests() {
        return List.copyOf(requests.values());
    }

    public List<PurchaseInfo> purchases() {
        return List.copyOf(purchases.values());
    }

    public List<GrantInfo> grants() {
        return List.copyOf(grants);
    }

    /** The account's purchase history, newest first, as the ledger lists it. */
    public List<HistoryItem> purchaseHistory(Acct acct) {
        List<HistoryItem> items = new ArrayList<>();
        for (String id : historyOrder) {
            TopUpRequestInfo r = requests.get(id);
            if (r != null && r.account().equals(acct)) {
                PurchaseInfo p = r.purchaseId() == null ? null : purchases.get(r.purchaseId());
                items.add(0, new HistoryItem("REQUEST", r.id(), r.purchaseId(), r.amount(), r.status(),
                        r.paymentReference(), p == null ? null : p.price(), p == null ? null : p.currency(),
                        r.requestedBy(), r.automatic(), r.declineReason()));
            }
            PurchaseInfo p = purchases.get(id);
            if (p != null && p.account().equals(acct)) {
                items.add(0, new HistoryItem("PURCHASE", null, p.id(), p.amount(), COMPLETED, p.paymentReference(),
                        p.price(), p.currency(), null, false, null));
            }
        }
        return List.copyOf(items);
    }

    /** Credits that ever entered the account, by origin: the only ways credits come into being. */
    public Provenance created(Acct acct) {
        return created.getOrDefault(acct, Provenance.NONE);
    }

    /** Credits that ever entered the model, by origin. */
    public Provenance created() {
        return created.values().stream().reduce(Provenance.NONE, Provenance::plus);
    }

    /** Credits that ever left the account for actions (spends and captures). */
    public long spent(Acct acct) {
        return spent.getOrDefault(acct, 0L);
    }

    public long spent() {
        return spent.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Credits that ever expired in the account. */
    public long expired(Acct acct) {
        return expired.getOrDefault(acct, 0L);
    }

    public long expired() {
        return expired.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append("cycle ").append(cycle).append(" [").append(cycleStart()).append(", ").append(cycleEnd())
                .append(") allocation=").append(monthlyAllocation).append(" rollover=").append(rollover)
                .append(" personalFallback=").append(personalFallback).append(" poolTotal=").append(poolTotal)
                .append(" created=").append(created()).append(" spent=").append(spent()).append(" expired=")
                .append(expired()).append('\n');
        accounts.forEach((acct, account) -> {
            out.append("  ").append(acct).append(": ").append(account).append(" created=").append(created(acct))
                    .append(" spent=").append(spent(acct)).append(" expired=").append(expired(acct));
            if (autoTopUps.containsKey(acct)) {
                out.append(' ').append(autoTopUps.get(acct));
            }
            out.append('\n');
        });
        members.forEach((user, m) -> out.append("  ").append(user).append(": ").append(m).append(" drawn=")
                .append(poolDrawnThisCycle(user)).append(" held=").append(poolHeld(user))
                .append(recurring.containsKey(user) ? " " + recurring.get(user) : "").append('\n'));
        reservations.values().forEach(r -> out.append("  ").append(r).append('\n'));
        requests.values().forEach(r -> out.append("  ").append(r).append('\n'));
        purchases.values().forEach(p -> out.append("  ").append(p).append('\n'));
        grants.forEach(g -> out.append("  ").append(g).append('\n'));
        transfers.values().forEach(t -> out.append("  ").append(t).append('\n'));
        return out.toString();
    }
}
