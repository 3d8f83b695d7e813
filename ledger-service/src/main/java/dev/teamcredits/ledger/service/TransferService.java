package dev.teamcredits.ledger.service;

import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.domain.AccountKey;
import dev.teamcredits.ledger.domain.Postings;
import dev.teamcredits.ledger.domain.Reversals;
import dev.teamcredits.ledger.repository.JournalRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository.MemberRow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Admin transfers between the pool and member balances of one org: immediate, final, no fees. Lots
 * move with their kind and expiry. A reversal is a new transfer the other way that names the
 * original ({@link Reversals}).
 */
@ApplicationScoped
public class TransferService {

    /** How requests name the pool. */
    public static final String POOL = "pool";

    private final LedgerTransactions transactions;
    private final LedgerAccess access;
    private final IdempotentOperations idempotent;
    private final JournalRepository journal;
    private final ProjectionRepository projection;

    public TransferService(LedgerTransactions transactions, LedgerAccess access, IdempotentOperations idempotent,
            JournalRepository journal, ProjectionRepository projection) {
        this.transactions = transactions;
        this.access = access;
        this.idempotent = idempotent;
        this.journal = journal;
        this.projection = projection;
    }

    /** @param from {@code pool} or a member's user id; likewise {@code to} */
    public record TransferCommand(String from, String to, long amount, String reason) {
    }

    /** @param amount how much to claw back; null: all of the transfer not yet reversed */
    public record ReversalCommand(Long amount, String reason) {
    }

    public Uni<Outcome<Transfer>> transfer(Caller caller, String key, UUID orgId, TransferCommand command) {
        return transactions.transaction(tx -> idempotent.once(tx, caller, key, List.of("transfer", orgId, command),
                Transfer.class, () -> prepare(tx, caller, orgId, command.from(), command.to())
                        .chain(refs -> move(tx, caller, orgId, refs, command.amount(), command.reason(), null, false,
                                () -> stillMembers(tx, orgId, refs)))));
    }

    /** The same checks and arithmetic as a transfer (its policies included); nothing is written. */
    public Uni<Transfer> preview(Caller caller, UUID orgId, TransferCommand command) {
        return transactions.dryRun(tx -> prepare(tx, caller, orgId, command.from(), command.to())
                .chain(refs -> move(tx, caller, orgId, refs, command.amount(), command.reason(), null, true,
                        () -> stillMembers(tx, orgId, refs))));
    }

    /**
     * Claws back (part of) a transfer an admin made: a transfer the other way, linked to the original.
     * The original's row is locked first, so concurrent reversals of one transfer queue up and each sees
     * what the others left to reverse.
     */
    public Uni<Outcome<Transfer>> reverse(Caller caller, String key, UUID orgId, UUID transferId,
            ReversalCommand command) {
        return transactions.transaction(tx -> idempotent.once(tx, caller, key,
                List.of("reverse", orgId, transferId, command), Transfer.class,
                () -> access.admin(tx, orgId, caller)
                        .chain(() -> journal.lockTransfer(tx, orgId, transferId))
                        .onItem().ifNull().failWith(LedgerProblems::transferNotFound)
                        .chain(original -> {
                            if (!original.reversible()) {
                                throw LedgerProblems.notReversible();
                            }
                            return active(tx, orgId, new AccountRef[] { original.from(), original.to() })
                                    .chain(() -> journal.reversedAmount(tx, transferId))
                                    .chain(reversed -> {
                                        long left = Reversals.left(original.amount(), reversed);
                                        long amount = Reversals.amount(command.amount(), left);
                                        if (amount < 0) {
                                            throw LedgerProblems.reversalTooLarge(left);
                                        }
                                        String reason = command.reason() != null ? command.reason() : "reversal";
                                        return move(tx, caller, orgId, new AccountRef[] { original.to(),
                                                original.from() }, amount, reason, transferId, false,
                                                () -> active(tx, orgId, new AccountRef[] { original.from(),
                                                        original.to() }));
                                    });
                        })));
    }

    /** Checks the caller is an admin and resolves "pool" / user ids to accounts of active members. */
    private Uni<AccountRef[]> prepare(LedgerTransaction tx, Caller caller, UUID orgId, String from, String to) {
        return access.admin(tx, orgId, caller)
                .chain(() -> endpoint(tx, orgId, from))
                .chain(fromRef -> endpoint(tx, orgId, to).map(toRef -> {
                    if (fromRef.equals(toRef)) {
                        throw LedgerProblems.sameAccount();
                    }
                    return new AccountRef[] { fromRef, toRef };
                }));
    }

    private Uni<AccountRef> endpoint(LedgerTransaction tx, UUID orgId, String name) {
        if (POOL.equals(name)) {
            return Uni.createFrom().item(AccountRef.pool());
        }
        return access.namedMember(tx, orgId, name).map(MemberRow::userId).map(AccountRef::member);
    }

    /** 409 member-inactive unless both accounts are the pool or active members' (in the order given). */
    private Uni<Void> active(LedgerTransaction tx, UUID orgId, AccountRef[] refs) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (AccountRef ref : refs) {
            if (ref.kind() == AccountRef.Kind.MEMBER) {
                chain = chain.chain(() -> projection.member(tx, orgId, ref.userId()).invoke(m -> {
                    if (m == null || !m.active()) {
                        throw LedgerProblems.memberInactive(ref.userId());
                    }
                })).replaceWithVoid();
            }
        }
        return chain;
    }

    /**
     * Moves the credits under the accounts' locks. {@code membersCheck} is the operation's own check of the members,
     * run again under the locks, so a departure that committed between the first check and the locks is answered
     * as if it had come before (404 member-not-found for a transfer naming them, 409 member-inactive for a reversal).
     */
    private Uni<Transfer> move(LedgerTransaction tx, Caller caller, UUID orgId, AccountRef[] refs, long amount,
            String reason, UUID reversalOf, boolean preview, java.util.function.Supplier<Uni<Void>> membersCheck) {
        AccountKey fromKey = AccountKey.of(orgId, refs[0]);
        AccountKey toKey = AccountKey.of(orgId, refs[1]);
        return transactions.lock(tx, List.of(fromKey, toKey))
                .chain(() -> preview ? Uni.createFrom().voidItem() : membersCheck.get())
                .map(v -> {
                    Account from = tx.account(fromKey);
                    Account to = tx.account(toKey);
                    if (amount > from.available()) {
                        throw LedgerProblems.insufficientAvailable(amount, from.available());
                    }
                    Postings.Tx moved = tx.postings.transfer(from, to, amount, reason, reversalOf, caller.subject(),
                            caller.displayName(), reversalOf == null);
                    transactions.endStep(tx);
                    return new Transfer(preview ? null : moved.id(), preview, amount, reason, reversalOf, from.view(),
                            to.view(), tx.now());
                });
    }

    private Uni<Void> stillMembers(LedgerTransaction tx, UUID orgId, AccountRef[] refs) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (AccountRef ref : refs) {
            if (ref.kind() == AccountRef.Kind.MEMBER) {
                chain = chain.chain(() -> access.namedMember(tx, orgId, ref.userId())).replaceWithVoid();
            }
        }
        return chain;
    }
}
