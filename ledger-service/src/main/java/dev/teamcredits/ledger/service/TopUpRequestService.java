package dev.teamcredits.ledger.service;

import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.ledger.TopUpDeclined;
import dev.teamcredits.events.ledger.TopUpExpired;
import dev.teamcredits.ledger.config.LedgerConfig;
import dev.teamcredits.ledger.domain.AccountKey;
import dev.teamcredits.ledger.domain.Postings;
import dev.teamcredits.ledger.domain.TopUpStatus;
import dev.teamcredits.ledger.repository.TopUpRepository;
import dev.teamcredits.ledger.repository.TopUpRepository.RequestRow;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Buying credits starts with a top-up request: a user asks for their personal balance, an org admin for the
 * pool or a member balance (an account's auto top-up asks by itself, {@code AutoTopUpPolicy}). No credits move:
 * the request goes to the billing backend as an event, written with it through the outbox; the billing backend
 * completes it with a purchase ({@link PurchaseService}) or declines it here; unsettled in time, it expires.
 */
@ApplicationScoped
public class TopUpRequestService {

    private static final Logger LOG = Logger.getLogger(TopUpRequestService.class);
    private static final int EXPIRY_BATCH = 500;

    private final LedgerTransactions transactions;
    private final LedgerAccess access;
    private final IdempotentOperations idempotent;
    private final TopUpRepository topUps;
    private final LedgerConfig config;

    public TopUpRequestService(LedgerTransactions transactions, LedgerAccess access, IdempotentOperations idempotent,
            TopUpRepository topUps, LedgerConfig config) {
        this.transactions = transactions;
        this.access = access;
        this.idempotent = idempotent;
        this.topUps = topUps;
        this.config = config;
    }

    /**
     * A user asks for credits for their personal balance. Asking opens no balance: it opens (with its free credits)
     * when the first credits arrive. A service client has no person to own them: 403 {@code user-token-required}.
     */
    public Uni<Outcome<TopUpRequestState>> requestPersonal(Caller caller, String key, long amount) {
        if (!caller.hasEmail()) {
            return Uni.createFrom().failure(LedgerProblems.userTokenRequired());
        }
        return transactions.transaction(tx -> idempotent.once(tx, caller, key, List.of("top-up-request", amount),
                TopUpRequestState.class, () -> request(tx, AccountKey.personal(caller.subject()), amount,
                        caller)));
    }

    /**
     * An org admin asks for credits for the pool ({@code account} null or {@code pool}) or an active member's
     * balance (404 {@code member-not-found} otherwise).
     */
    public Uni<Outcome<TopUpRequestState>> requestForOrg(Caller caller, String key, UUID orgId, long amount,
            String account) {
        String target = account == null ? TransferService.POOL : account;
        AccountKey accountKey = TransferService.POOL.equals(target) ? AccountKey.pool(orgId)
                : AccountKey.member(orgId, target);
        return transactions.transaction(tx -> idempotent.once(tx, caller, key,
                List.of("top-up-request", orgId, amount, target), TopUpRequestState.class,
                () -> access.admin(tx, orgId, caller)
                        .chain(() -> accountKey.kind() == dev.teamcredits.events.ledger.AccountRef.Kind.POOL
                                ? Uni.createFrom().voidItem()
                                : access.namedMember(tx, orgId, accountKey.userId()).replaceWithVoid())
                        // The account's row serializes requests for it, so the open ones are counted right.
                        .chain(() -> request(tx, accountKey, amount, caller))));
    }

    /**
     * Counts the account's open requests under a lock of the account's name (a transaction-scoped advisory lock on
     * its ref), so two requests at once cannot both pass the limit; asking locks no balance and opens no account.
     */
    private Uni<TopUpRequestState> request(LedgerTransaction tx, AccountKey account, long amount, Caller caller) {
        int max = config.topUps().maxOpenPerAccount();
        return topUps.lockAccountRequests(tx, account.ref()).chain(() -> topUps.openRequests(tx, account.ref()))
                .map(open -> {
                    if (open >= max) {
                        throw LedgerProblems.tooManyOpenRequests(max);
                    }
                    return state(tx.postings.requestTopUp(account, amount, caller.subject(), false));
                });
    }

    /**
     * The billing backend declines a request it could not take the payment for. Only a request awaiting payment
     * can be declined: a declined, completed or expired one is 409 {@code top-up-request-settled} (a retry with
     * the same Idempotency-Key replays the decline).
     */
    public Uni<Outcome<TopUpRequestState>> decline(Caller caller, String key, UUID requestId, String reason) {
        if (!access.isBillingClient(caller)) {
            return Uni.createFrom().failure(LedgerProblems.billingClientRequired());
        }
        return transactions.transaction(tx -> idempotent.once(tx, caller, key, List.of("decline", requestId, reason),
                TopUpRequestState.class, () -> topUps.lockRequest(tx, requestId).map(r -> {
                    if (r == null) {
                        throw LedgerProblems.topUpRequestNotFound();
                    }
                    if (r.status() != TopUpStatus.AWAITING_PAYMENT) {
                        throw LedgerProblems.topUpRequestSettled(r.status().label());
                    }
                    tx.writeAtEnd(topUps.settle(tx, List.of(r.id()), TopUpStatus.DECLINED, reason, tx.now()));
                    tx.postings.emit(new TopUpDeclined(r.orgId(), r.id(), r.account().asRef(), r.amount(), reason,
                            r.requestedBy(), r.automatic(), caller.subject(), tx.now()));
                    return state(new RequestRow(r.id(), r.orgId(), r.account(), r.amount(),
                            r.requestedBy(), r.automatic(), TopUpStatus.DECLINED, reason, r.createdAt(),
                            r.expiresAt(), tx.now(), null, null));
                })));
    }

    /**
     * Ends the requests nobody settled in time, up to 500 per transaction and again until none is left; rows
     * another transaction holds (a purchase completing one, a decline) are skipped. A failure is logged and the
     * next run tries again.
     */
    @Scheduled(every = "${ledger.top-ups.expiry-interval:10s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expireDue() {
        return Multi.createBy().repeating().uni(this::expireSome).whilst(expired -> expired == EXPIRY_BATCH)
                .collect().last().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Expiring top-up requests will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Integer> expireSome() {
        return transactions.transaction(tx -> topUps.lockDue(tx, tx.now(), EXPIRY_BATCH).invoke(due -> {
            for (RequestRow r : due) {
                tx.postings.emit(new TopUpExpired(r.orgId(), r.id(), r.account().asRef(), r.amount(), r.requestedBy(),
                        r.automatic(), tx.now()));
            }
            tx.writeAtEnd(topUps.settle(tx, due.stream().map(RequestRow::id).toList(), TopUpStatus.EXPIRED, null,
                    tx.now()));
        }).map(List::size));
    }

    static TopUpRequestState state(Postings.TopUpRequest r) {
        return new TopUpRequestState(r.id(), r.orgId(), r.account(), r.amount(), TopUpStatus.AWAITING_PAYMENT.label(),
                r.requestedBy(), r.automatic(), r.createdAt(), r.expiresAt(), null, null, null, null);
    }

    static TopUpRequestState state(RequestRow r) {
        return new TopUpRequestState(r.id(), r.orgId(), r.account().asRef(), r.amount(), r.status().label(),
                r.requestedBy(), r.automatic(), r.createdAt(), r.expiresAt(), r.settledAt(), r.declineReason(),
                r.purchaseId(), r.paymentReference());
    }
}
