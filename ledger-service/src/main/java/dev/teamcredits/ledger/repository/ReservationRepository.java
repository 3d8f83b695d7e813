package dev.teamcredits.ledger.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

@ApplicationScoped
public class ReservationRepository {

    /**
     * @param userId     the member whose credits are held
     * @param holder     the caller that made the hold (the member, or a backend acting for them)
     * @param cycleStart the cycle the hold was made in
     */
    public record ReservationRow(UUID id, UUID orgId, String userId, String holder, String action, long amount,
            String status, Long captured, LocalDate cycleStart, Instant expiresAt, List<Hold> holds) {
    }

    /** Credits held in one account, in waterfall order. */
    public record Hold(long accountId, String accountRef, long amount) {
    }

    public Uni<Void> insert(Db db, ReservationRow r, Instant now) {
        return db.sql().preparedQuery("INSERT INTO reservation (id, org_id, user_id, holder, action, amount, status, cycle_start, "
                + "expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'ACTIVE', $7, $8, $9)")
                .execute(Tuple.from(Arrays.asList(r.id(), r.orgId(), r.userId(), r.holder(), r.action(), r.amount(),
                        r.cycleStart(), LedgerRepository.offset(r.expiresAt()), LedgerRepository.offset(now))))
                .chain(() -> db.sql().preparedQuery("INSERT INTO reservation_hold (reservation_id, position, account_id, amount) "
                        + "SELECT $1, p, a, m FROM unnest($2::int[], $3::bigint[], $4::bigint[]) AS h(p, a, m)")
                        .execute(Tuple.of(r.id(),
                                java.util.stream.IntStream.range(0, r.holds().size()).boxed().toArray(Integer[]::new),
                                r.holds().stream().map(Hold::accountId).toArray(Long[]::new),
                                r.holds().stream().map(Hold::amount).toArray(Long[]::new))))
                .replaceWithVoid();
    }

    private static final String COLUMNS = "id, org_id, user_id, holder, action, amount, status, captured, cycle_start, "
            + "expires_at";

    /** The reservation, locked, with its holds; null if absent. */
    public Uni<ReservationRow> lock(Db db, UUID id) {
        return db.sql().preparedQuery("SELECT " + COLUMNS + " FROM reservation WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().nullItem() : withHolds(db, rows.iterator().next()));
    }

    /** The reservation, locked, unless another transaction holds it (then null: someone else deals with it). */
    public Uni<ReservationRow> lockIfFree(Db db, UUID id) {
        return db.sql().preparedQuery("SELECT " + COLUMNS + " FROM reservation WHERE id = $1 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(id))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().nullItem() : withHolds(db, rows.iterator().next()));
    }

    public Uni<ReservationRow> find(Db db, UUID id) {
        return db.sql().preparedQuery("SELECT " + COLUMNS + " FROM reservation WHERE id = $1").execute(Tuple.of(id))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().nullItem() : withHolds(db, rows.iterator().next()));
    }

    /**
     * Lapsed active reservations, up to {@code limit}, locked in id order with their holds; rows another
     * transaction holds are skipped (it is ending them, or another replica's job is).
     */
    public Uni<List<ReservationRow>> lockDue(Db db, Instant now, int limit) {
        return db.sql().preparedQuery("SELECT " + COLUMNS + " FROM reservation WHERE status = 'ACTIVE' "
                + "AND expires_at <= $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(LedgerRepository.offset(now), limit)).chain(rows -> withHolds(db, rows));
    }

    /** Lapsed active reservations, not locked (each is then taken in a transaction of its own). */
    public Uni<List<UUID>> due(Db db, Instant now, int limit) {
        return db.sql().preparedQuery("SELECT id FROM reservation WHERE status = 'ACTIVE' AND expires_at <= $1 "
                + "ORDER BY id LIMIT $2")
                .execute(Tuple.of(LedgerRepository.offset(now), limit))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(r -> r.getUUID(0)).toList());
    }

    /** A member's active reservations, locked in id order, with their holds. */
    public Uni<List<ReservationRow>> lockActiveOf(Db db, UUID orgId, String userId) {
        return db.sql().preparedQuery("SELECT " + COLUMNS + " FROM reservation WHERE org_id = $1 AND user_id = $2 "
                + "AND status = 'ACTIVE' ORDER BY id FOR UPDATE").execute(Tuple.of(orgId, userId))
                .chain(rows -> withHolds(db, rows));
    }

    /** The holds of many reservations in one statement, each reservation's in waterfall order. */
    private Uni<List<ReservationRow>> withHolds(Db db, RowSet<Row> reservations) {
        if (reservations.size() == 0) {
            return Uni.createFrom().item(List.of());
        }
        List<Row> rows = new ArrayList<>();
        reservations.forEach(rows::add);
        return db.sql().preparedQuery("SELECT h.reservation_id, h.account_id, a.ref, h.amount FROM reservation_hold h "
                + "JOIN account a ON a.id = h.account_id WHERE h.reservation_id = ANY($1) "
                + "ORDER BY h.reservation_id, h.position")
                .execute(Tuple.of(rows.stream().map(r -> r.getUUID(0)).toArray(UUID[]::new)))
                .map(found -> {
                    Map<UUID, List<Hold>> holds = new HashMap<>();
                    found.forEach(h -> holds.computeIfAbsent(h.getUUID(0), k -> new ArrayList<>())
                            .add(new Hold(h.getLong(1), h.getString(2), h.getLong(3))));
                    return rows.stream().map(r -> row(r, holds.getOrDefault(r.getUUID(0), List.of()))).toList();
                });
    }

    private static ReservationRow row(Row r, List<Hold> holds) {
        return new ReservationRow(r.getUUID(0), r.getUUID(1), r.getString(2), r.getString(3), r.getString(4),
                r.getLong(5), r.getString(6), r.getLong(7), r.getLocalDate(8), r.getOffsetDateTime(9).toInstant(),
                holds);
    }

    private Uni<ReservationRow> withHolds(Db db, Row r) {
        UUID id = r.getUUID(0);
        return db.sql().preparedQuery("SELECT h.account_id, a.ref, h.amount FROM reservation_hold h JOIN account a "
                + "ON a.id = h.account_id WHERE h.reservation_id = $1 ORDER BY h.position").execute(Tuple.of(id))
                .map(rows -> {
                    List<Hold> holds = new ArrayList<>();
                    rows.forEach(h -> holds.add(new Hold(h.getLong(0), h.getString(1), h.getLong(2))));
                    return new ReservationRow(id, r.getUUID(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getLong(5), r.getString(6), r.getLong(7), r.getLocalDate(8), r.getOffsetDateTime(9).toInstant(),
                            holds);
                });
    }

    /** Ends many reservations the same way (released or expired) in one statement. */
    public Uni<Void> resolveAll(Db db, List<UUID> ids, String status, Instant now) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.sql().preparedQuery("UPDATE reservation SET status = $2, resolved_at = $3 WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new), status, LedgerRepository.offset(now))).replaceWithVoid();
    }

    public Uni<Void> resolve(Db db, UUID id, String status, Long captured, Instant now) {
        return db.sql().preparedQuery("UPDATE reservation SET status = $2, captured = $3, resolved_at = $4 WHERE id = $1")
                .execute(Tuple.from(Arrays.asList(id, status, captured, LedgerRepository.offset(now))))
                .replaceWithVoid();
    }

}
