package dev.teamcredits.ledger.service;

import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.domain.AccountKey;
import dev.teamcredits.ledger.domain.Postings;
import dev.teamcredits.ledger.domain.TopUpStatus;
import dev.teamcredits.ledger.repository.TopUpRepository;
import dev.teamcredits.ledger.repository.TopUpRepository.PurchaseRow;
import dev.teamcredits.ledger.repository.TopUpRepository.RequestRow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Credits are bought: the billing backend, after it took the payment, records the purchase here, and the
 * credits arrive as a {@code TOP_UP} lot from the {@code purchases} system account, in one journal transaction
 * with its outbox event. A purchase is recorded once per payment reference, however often and however
 * concurrently it is sent: the same reference again answers the first purchase; with another account, amount
 * or request it is 409. Only the billing backend records purchases.
 */
@ApplicationScoped
public class PurchaseService {

    private final LedgerTransactions transactions;
    private final LedgerAccess access;
    private final IdempotentOperations idempotent;
    private final TopUpRepository topUps;
    private final CreditTargets targets;

    public PurchaseService(LedgerTransactions transactions, LedgerAccess access, IdempotentOperations idempotent,
            TopUpRepository topUps, CreditTargets targets) {
        this.transactions = transactions;
        this.access = access;
        this.idempotent = idempotent;
        this.topUps = topUps;
        this.targets = targets;
    }

    /**
     * A purchase as the billing backend sends it.
     *
     * @param account        where the credits go; may be null when {@code topUpRequestId} names a request (its
     *                       account is used), and must be the request's otherwise
     * @param topUpRequestId the request this purchase completes, if any
     * @param price          what was paid, in minor units of {@code currency} (both or neither)
     */
    public record PurchaseCommand(AccountKey account, long amount, String paymentReference, UUID topUpRequestId,
            Long price, String currency) {
    }

    public Uni<Outcome<Purchase>> record(Caller caller, String key, PurchaseCommand command) {
        if (!access.isBillingClient(caller)) {
            return Uni.createFrom().failure(LedgerProblems.billingClientRequired());
        }
        // Locks: the idempotency key, the payment reference, the request, the account; in that order.
        return transactions.transaction(tx -> idempotent.once(tx, caller, key, List.of("purchase", command),
                Purchase.class, () -> topUps.lockPaymentReference(tx, command.paymentReference())
                        .chain(() -> topUps.purchaseByReference(tx, command.paymentReference()))
                        .chain(earlier -> earlier != null ? again(tx, earlier, command)
                                : recordNew(tx, caller, command))));
    }

    /**
     * The payment was recorded before: the same purchase again (same account and amount), or 409 when this one
     * says otherwise. Without an account, the account is that of the request it names (an unknown request names
     * none: 409).
     */
    private Uni<Purchase> again(LedgerTransaction tx, PurchaseRow earlier, PurchaseCommand command) {
        Uni<AccountKey> account = command.account() != null ? Uni.createFrom().item(command.account())
                : topUps.lockRequest(tx, command.topUpRequestId()).map(r -> r == null ? null : r.account());
        return account.map(named -> {
            if (earlier.amount() != command.amount() || named == null
                    || !named.ref().equals(earlier.account().ref())) {
                throw LedgerProblems.paymentReferenceConflict(command.paymentReference());
            }
            return answer(earlier);
        });
    }

    private static Purchase answer(PurchaseRow earlier) {
        return new Purchase(earlier.id(), earlier.transactionId(), earlier.orgId(), earlier.account().asRef(),
                earlier.amount(), earlier.paymentReference(), earlier.requestId(), earlier.price(), earlier.currency(),
                earlier.requestedBy(), earlier.recordedBy(), earlier.createdAt(), earlier.after(), true);
    }

    private Uni<Purchase> recordNew(LedgerTransaction tx, Caller caller, PurchaseCommand command) {
        Uni<RequestRow> request = command.topUpRequestId() == null ? Uni.createFrom().nullItem()
                : topUps.lockRequest(tx, command.topUpRequestId()).invoke(r -> check(r, command));
        return request.chain(r -> {
            AccountKey target = r != null ? r.account() : command.account();
            return targets.lock(tx, target).map(account -> credit(tx, caller, account, command, r));
        });
    }

    /** The request must exist, be for this account and amount, and not be declined or completed already. */
    private static void check(RequestRow r, PurchaseCommand command) {
        if (r == null) {
            throw LedgerProblems.topUpRequestNotFound();
        }
        if (r.amount() != command.amount()
                || command.account() != null && !command.account().ref().equals(r.account().ref())) {
            throw LedgerProblems.topUpRequestMismatch();
        }
        if (!r.status().mayBeCompleted()) {
            throw LedgerProblems.topUpRequestSettled(r.status().label());
        }
    }

    private Purchase credit(LedgerTransaction tx, Caller caller, Account account, PurchaseCommand command,
            RequestRow request) {
        UUID id = UUID.randomUUID();
        String requestedBy = request == null ? null : request.requestedBy();
        Postings.Tx posted = tx.postings.purchase(account, command.amount(), new Postings.Purchase(id,
                command.paymentReference(), command.topUpRequestId(), command.price(), command.currency(),
                requestedBy), caller.subject());
        // The purchase is a step: an auto top-up waiting below its threshold re-arms when the credits arrive.
        transactions.endStep(tx);
        tx.writeAtEnd(topUps.insertPurchase(tx, new PurchaseRow(id, command.paymentReference(), account.orgId,
                account.id, account.key, command.amount(), command.topUpRequestId(), command.price(),
                command.currency(), posted.id(), caller.subject(), tx.now(), account.view(), requestedBy)));
        if (request != null) {
            tx.writeAtEnd(topUps.settle(tx, List.of(request.id()), TopUpStatus.COMPLETED, null, tx.now()));
        }
        return new Purchase(id, posted.id(), account.orgId, account.asRef(), command.amount(),
                command.paymentReference(), command.topUpRequestId(), command.price(), command.currency(),
                requestedBy, caller.subject(), tx.now(), account.view(), false);
    }
}
