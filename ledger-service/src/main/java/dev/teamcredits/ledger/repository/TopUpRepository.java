package dev.teamcredits.ledger.repository;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.ledger.domain.AccountKey;
import dev.teamcredits.ledger.domain.Postings.TopUpRequest;
import dev.teamcredits.ledger.domain.TopUpStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Top-up requests and purchases: what was asked of the billing backend and what it recorded as paid. */
@ApplicationScoped
public class TopUpRepository {

    /** A request as stored, with the account it is for and, once completed, its purchase. */
    public record RequestRow(UUID id, UUID orgId, AccountKey account, long amount, String requestedBy,
            boolean automatic, TopUpStatus status, String declineReason, Instant createdAt, Instant expiresAt,
            Instant settledAt, UUID purchaseId, String paymentReference) {
    }

    /** A purchase as stored, with the account it went to. */
    public record PurchaseRow(UUID id, String paymentReference, UUID orgId, long accountId, AccountKey account,
            long amount, UUID requestId, Long price, String currency, UUID transactionId, String recordedBy,
            Instant createdAt, BalanceView after, String requestedBy) {
    }

    private static final String REQUEST_COLUMNS = "r.id, r.org_id, r.account_ref, r.amount, r.requested_by, "
            + "r.automatic, r.status, r.decline_reason, r.created_at, r.expires_at, r.settled_at, p.id, "
            + "p.payment_reference";
    private static final String REQUEST_FROM = " FROM top_up_request r LEFT JOIN purchase p ON p.request_id = r.id";
    private static final String PURCHASE_COLUMNS = "p.id, p.payment_reference, p.org_id, p.account_id, a.ref, a.kind, "
            + "a.user_id, p.amount, p.request_id, p.price, p.currency, p.transaction_id, p.recorded_by, p.created_at, "
            + "p.balance_after, p.reserved_after, p.available_after, q.requested_by";

    /** Writes the requests a transaction made (nothing when there are none). */
    public Uni<Void> insertRequests(Db db, List<TopUpRequest> requests) {
        if (requests.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.sql().preparedQuery("INSERT INTO top_up_request (id, org_id, account_ref, amount, requested_by, "
                + "automatic, status, created_at, expires_at) SELECT id, org_id, account_ref, amount, requested_by, "
                + "automatic, 'AWAITING_PAYMENT', created_at, expires_at FROM unnest($1::uuid[], $2::uuid[], "
                + "$3::text[], $4::bigint[], $5::text[], $6::bool[], $7::timestamptz[], $8::timestamptz[]) "
                + "AS r(id, org_id, account_ref, amount, requested_by, automatic, created_at, expires_at)")
                .execute(LedgerRepository.columns(requests.stream().map(r -> new Object[] { r.id(), r.orgId(),
                        r.accountRef(), r.amount(), r.requestedBy(), r.automatic(), LedgerRepository.offset(r.createdAt()),
                        LedgerRepository.offset(r.expiresAt()) }).toList(), UUID.class, UUID.class, String.class,
                        Long.class, String.class, Boolean.class, OffsetDateTime.class, OffsetDateTime.class))
                .replaceWithVoid();
    }

    /** The request, locked; null if there is none. */
    public Uni<RequestRow> lockRequest(Db db, UUID id) {
        return db.sql().preparedQuery("SELECT " + REQUEST_COLUMNS + REQUEST_FROM + " WHERE r.id = $1 FOR UPDATE OF r")
                .execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null : request(rows.iterator().next()));
    }

    /** Requests past their expiry and still awaiting payment, locked in id order; rows others hold are skipped. */
    public Uni<List<RequestRow>> lockDue(Db db, Instant now, int limit) {
        return db.sql().preparedQuery("SELECT " + REQUEST_COLUMNS + REQUEST_FROM + " WHERE r.status = 'AWAITING_PAYMENT' "
                + "AND r.expires_at <= $1 ORDER BY r.id LIMIT $2 FOR UPDATE OF r SKIP LOCKED")
                .execute(Tuple.of(LedgerRepository.offset(now), limit)).map(rows -> {
                    List<RequestRow> due = new ArrayList<>();
                    rows.forEach(r -> due.add(request(r)));
                    return due;
                });
    }

    /** How many requests of the account await payment. */
    public Uni<Long> openRequests(Db db, String accountRef) {
        return db.sql().preparedQuery("SELECT count(*) FROM top_up_request WHERE account_ref = $1 "
                + "AND status = 'AWAITING_PAYMENT'").execute(Tuple.of(accountRef))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Ends requests the same way (completed, declined with a reason, expired). */
    public Uni<Void> settle(Db db, List<UUID> ids, TopUpStatus status, String declineReason, Instant at) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.sql().preparedQuery("UPDATE top_up_request SET status = $2, decline_reason = $3, settled_at = $4 "
                + "WHERE id = ANY($1)").execute(Tuple.from(Arrays.asList(ids.toArray(UUID[]::new), status.name(),
                        declineReason, LedgerRepository.offset(at))))
                .replaceWithVoid();
    }

    /**
     * Serializes the transactions that record the same payment reference (a transaction-scoped advisory lock
     * on its hash): the second sees the first's purchase, and answers with it, instead of failing on the unique
     * constraint. Taken after the idempotency key and before any row lock.
     */
    public Uni<Void> lockPaymentReference(Db db, String paymentReference) {
        return db.sql().preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))")
                .execute(Tuple.of(paymentReference)).replaceWithVoid();
    }

    /**
     * Serializes the requests of one account while they are counted against the open-requests limit (a
     * transaction-scoped advisory lock on the account's ref): asking locks no balance row.
     */
    public Uni<Void> lockAccountRequests(Db db, String accountRef) {
        return db.sql().preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 11))")
                .execute(Tuple.of(accountRef)).replaceWithVoid();
    }

    public Uni<PurchaseRow> purchaseByReference(Db db, String paymentReference) {
        return db.sql().preparedQuery("SELECT " + PURCHASE_COLUMNS + " FROM purchase p JOIN account a ON a.id = "
                + "p.account_id LEFT JOIN top_up_request q ON q.id = p.request_id WHERE p.payment_reference = $1").execute(Tuple.of(paymentReference))
                .map(rows -> rows.size() == 0 ? null : purchase(rows.iterator().next()));
    }

    public Uni<Void> insertPurchase(Db db, PurchaseRow p) {
        return db.sql().preparedQuery("INSERT INTO purchase (id, payment_reference, org_id, account_id, amount, "
                + "request_id, price, currency, transaction_id, recorded_by, created_at, balance_after, "
                + "reserved_after, available_after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)")
                .execute(Tuple.from(Arrays.asList(p.id(), p.paymentReference(), p.orgId(), p.accountId(), p.amount(),
                        p.requestId(), p.price(), p.currency(), p.transactionId(), p.recordedBy(),
                        LedgerRepository.offset(p.createdAt()), p.after().balance(), p.after().reserved(),
                        p.after().available())))
                .replaceWithVoid();
    }

    /**
     * One line of an account's purchase history: a request (with its purchase once completed), or a purchase
     * that completed no request.
     */
    public record HistoryRow(long seq, String kind, UUID requestId, UUID purchaseId, long amount, String status,
            String paymentReference, Long price, String currency, String requestedBy, boolean automatic,
            String declineReason, Instant createdAt, Instant settledAt) {
    }

    /** A page of the account's purchase history, newest first, before {@code beforeSeq}. */
    public Uni<List<HistoryRow>> history(Db db, String accountRef, Long beforeSeq, int limit) {
        return db.sql().preparedQuery("SELECT * FROM ("
                + "SELECT r.seq, 'REQUEST' AS kind, r.id AS request_id, p.id AS purchase_id, r.amount, r.status, "
                + "p.payment_reference, p.price, p.currency, r.requested_by, r.automatic, r.decline_reason, "
                + "r.created_at, r.settled_at FROM top_up_request r "
                + "LEFT JOIN purchase p ON p.request_id = r.id WHERE r.account_ref = $1 "
                + "UNION ALL "
                + "SELECT p.seq, 'PURCHASE', NULL, p.id, p.amount, 'COMPLETED', p.payment_reference, p.price, "
                + "p.currency, NULL, false, NULL, p.created_at, p.created_at FROM purchase p JOIN account a "
                + "ON a.id = p.account_id WHERE a.ref = $1 AND p.request_id IS NULL"
                + ") h WHERE ($2::bigint IS NULL OR h.seq < $2) ORDER BY h.seq DESC LIMIT $3")
                .execute(Tuple.from(Arrays.asList(accountRef, beforeSeq, limit))).map(rows -> {
                    List<HistoryRow> page = new ArrayList<>();
                    for (Row r : rows) {
                        page.add(new HistoryRow(r.getLong(0), r.getString(1), r.getUUID(2), r.getUUID(3), r.getLong(4),
                                r.getString(5), r.getString(6), r.getLong(7), r.getString(8), r.getString(9),
                                r.getBoolean(10), r.getString(11), LedgerRepository.instant(r.getOffsetDateTime(12)),
                                LedgerRepository.instant(r.getOffsetDateTime(13))));
                    }
                    return page;
                });
    }

    private static RequestRow request(Row r) {
        return new RequestRow(r.getUUID(0), r.getUUID(1), AccountKey.fromRef(r.getString(2)), r.getLong(3),
                r.getString(4), r.getBoolean(5), TopUpStatus.valueOf(r.getString(6)), r.getString(7),
                LedgerRepository.instant(r.getOffsetDateTime(8)), LedgerRepository.instant(r.getOffsetDateTime(9)),
                LedgerRepository.instant(r.getOffsetDateTime(10)), r.getUUID(11), r.getString(12));
    }

    private static PurchaseRow purchase(Row r) {
        AccountKey account = key(r.getString(4), r.getString(5), r.getUUID(2), r.getString(6));
        return new PurchaseRow(r.getUUID(0), r.getString(1), r.getUUID(2), r.getLong(3), account, r.getLong(7),
                r.getUUID(8), r.getLong(9), r.getString(10), r.getUUID(11), r.getString(12),
                LedgerRepository.instant(r.getOffsetDateTime(13)), new BalanceView(account.asRef(), r.getLong(14),
                        r.getLong(15), r.getLong(16)), r.getString(17));
    }

    private static AccountKey key(String ref, String kind, UUID orgId, String userId) {
        return new AccountKey(ref, AccountRef.Kind.valueOf(kind), orgId, userId);
    }
}
