package dev.teamcredits.ledger.service;

import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.repository.JournalRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository;
import dev.teamcredits.ledger.repository.ProjectionRepository.MemberRow;
import dev.teamcredits.ledger.rest.dto.ReversalRequest;
import dev.teamcredits.ledger.rest.dto.TransferRequest;
import dev.teamcredits.ledger.rest.dto.TransferResponse;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Admin transfers between the pool and member balances of one org: immediate, final, no fees.
 * Lots move with their kind and expiry. A reversal is a new transfer the other way that names the
 * original; together reversals never exceed it.
 */
@ApplicationScoped
public class TransferService {

    public static final String POOL = "pool";
    public static final String MEMBER_REMOVED = "member removed";

    private final Ledger ledger;
    private final LedgerAccess access;
    private final IdempotentOperations idempotent;
    private final JournalRepository journal;
    private final ProjectionRepository projection;

    public TransferService(Ledger ledger, LedgerAccess access, IdempotentOperations idempotent,
            JournalRepository journal, ProjectionRepository projection) {
        this.ledger = ledger;
        this.access = access;
        this.idempotent = idempotent;
        this.journal = journal;
        this.projection = projection;
    }

    public Uni<Outcome<TransferResponse>> transfer(Caller caller, String key, UUID orgId, TransferRequest request) {
        return ledger.transaction(uow -> idempotent.once(uow, caller, key, List.of("transfer", orgId, request),
                TransferResponse.class, () -> prepare(uow, caller, orgId, request.from(), request.to())
                        .chain(refs -> move(uow, caller, orgId, refs, request.amount(), request.reason(), null, false))));
    }

    /** The same checks and arithmetic as a transfer; nothing is written. */
    public Uni<TransferResponse> preview(Caller caller, UUID orgId, TransferRequest request) {
        return ledger.dryRun(uow -> prepare(uow, caller, orgId, request.from(), request.to())
                .chain(refs -> move(uow, caller, orgId, refs, request.amount(), request.reason(), null, true)));
    }

    /**
     * Claws back (part of) a transfer an admin made: a transfer the other way, linked to the original.
     * The original's row is locked first, so concurrent reversals of one transfer queue up and each
     * sees what the others left to reverse.
     */
    public Uni<Outcome<TransferResponse>> reverse(Caller caller, String key, UUID orgId, UUID transferId,
            ReversalRequest request) {
        return ledger.transaction(uow -> idempotent.once(uow, caller, key,
                List.of("reverse", orgId, transferId, request), TransferResponse.class,
                () -> access.admin(uow.connection, orgId, caller)
                        .chain(() -> journal.lockTransfer(uow.connection, orgId, transferId))
                        .onItem().ifNull().failWith(LedgerProblems::transferNotFound)
                        .chain(original -> {
                            if (!original.reversible()) {
                                throw LedgerProblems.notReversible();
                            }
                            AccountRef[] refs = { original.to(), original.from() };
                            return active(uow, orgId, new AccountRef[] { original.from(), original.to() }).chain(() -> journal.reversedAmount(uow.connection, transferId))
                                    .chain(reversed -> {
                                        long left = original.amount() - reversed;
                                        long amount = request.amount() == null ? left : request.amount();
                                        if (amount > left || left == 0) {
                                            throw LedgerProblems.reversalTooLarge(left);
                                        }
                                        String reason = request.reason() != null ? request.reason() : "reversal";
                                        return move(uow, caller, orgId, refs, amount, reason, transferId, false);
                                    });
                        })));
    }

    /**
     * Sweeps a leaving member's whole balance back to the pool (their reservations were released
     * first, in the same unit of work, which locked both accounts), so no credit is stranded. The
     * system's own move: it cannot be reversed.
     */
    public void sweepToPool(UnitOfWork uow, UUID orgId, String userId) {
        Account member = uow.account(Account.memberRef(orgId, userId));
        if (member.balance > 0) {
            Account pool = uow.account(Account.poolRef(orgId));
            UnitOfWork.Tx tx = begin(uow, orgId, member, pool, member.balance, MEMBER_REMOVED, null, "system");
            uow.deposit(tx, pool, uow.drawAll(tx, member));
            announce(uow, orgId, tx, member, pool, "Team Credits");
        }
    }

    /** Checks the caller is an admin and resolves "pool" / user ids to accounts of active members. */
    private Uni<AccountRef[]> prepare(UnitOfWork uow, Caller caller, UUID orgId, String from, String to) {
        return access.admin(uow.connection, orgId, caller)
                .chain(() -> endpoint(uow, orgId, from))
                .chain(fromRef -> endpoint(uow, orgId, to).map(toRef -> {
                    if (fromRef.equals(toRef)) {
                        throw LedgerProblems.sameAccount();
                    }
                    return new AccountRef[] { fromRef, toRef };
                }));
    }

    private Uni<AccountRef> endpoint(UnitOfWork uow, UUID orgId, String name) {
        if (POOL.equals(name)) {
            return Uni.createFrom().item(AccountRef.pool());
        }
        return access.namedMember(uow.connection, orgId, name).map(MemberRow::userId).map(AccountRef::member);
    }

    /** 409 member-inactive unless both accounts are the pool or active members' (in the order given). */
    private Uni<Void> active(UnitOfWork uow, UUID orgId, AccountRef[] refs) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (AccountRef ref : refs) {
            if (ref.kind() == AccountRef.Kind.MEMBER) {
                chain = chain.chain(() -> projection.member(uow.connection, orgId, ref.userId()).invoke(m -> {
                    if (m == null || !m.active()) {
                        throw LedgerProblems.memberInactive(ref.userId());
                    }
                })).replaceWithVoid();
            }
        }
        return chain;
    }

    private Uni<TransferResponse> move(UnitOfWork uow, Caller caller, UUID orgId, AccountRef[] refs, long amount,
            String reason, UUID reversalOf, boolean preview) {
        return ledger.lock(uow, List.of(Accounts.of(orgId, refs[0]), Accounts.of(orgId, refs[1])))
                // Read again under the locks: a member whose departure committed meanwhile is gone.
                .chain(() -> preview ? Uni.createFrom().voidItem() : stillMembers(uow, orgId, refs))
                .map(v -> {
                    Account from = uow.account(Account.ref(orgId, refs[0]));
                    Account to = uow.account(Account.ref(orgId, refs[1]));
                    if (amount > from.available()) {
                        throw LedgerProblems.insufficientAvailable(amount, from.available());
                    }
                    UnitOfWork.Tx tx = begin(uow, orgId, from, to, amount, reason, reversalOf, caller.subject());
                    uow.deposit(tx, to, uow.draw(tx, from, amount));
                    if (reversalOf == null) {
                        uow.reversible.add(tx.id());
                    }
                    ledger.endStep(uow);
                    announce(uow, orgId, tx, from, to, caller.displayName());
                    return new TransferResponse(preview ? null : tx.id(), preview, amount, reason, reversalOf,
                            from.view(), to.view(), uow.now);
                });
    }

    private Uni<Void> stillMembers(UnitOfWork uow, UUID orgId, AccountRef[] refs) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (AccountRef ref : refs) {
            if (ref.kind() == AccountRef.Kind.MEMBER) {
                chain = chain.chain(() -> access.namedMember(uow.connection, orgId, ref.userId())).replaceWithVoid();
            }
        }
        return chain;
    }

    private static UnitOfWork.Tx begin(UnitOfWork uow, UUID orgId, Account from, Account to, long amount, String reason,
            UUID reversalOf, String actor) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("from", from.asRef());
        details.put("to", to.asRef());
        return uow.begin("TRANSFER", orgId, amount, actor, reason, reversalOf, details);
    }

    private static void announce(UnitOfWork uow, UUID orgId, UnitOfWork.Tx tx, Account from, Account to,
            String actorName) {
        uow.emit(new TransferCompleted(orgId, tx.id(), from.asRef(), to.asRef(), tx.amount(), tx.reason(), tx.actor(),
                actorName, tx.reverses(), from.view(), to.view(), uow.now));
    }
}
