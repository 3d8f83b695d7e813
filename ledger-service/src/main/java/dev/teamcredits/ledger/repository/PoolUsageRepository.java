package dev.teamcredits.ledger.repository;

import dev.teamcredits.ledger.domain.AccountKey;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What counts against a member's pool cap: the pool credits they drew in a cycle (spends and
 * captures, counted in the cycle they happen in) and the pool credits their open holds keep,
 * whatever cycle the holds were made in. Read and written while the org's pool is locked, so the
 * numbers cannot race.
 */
@ApplicationScoped
public class PoolUsageRepository {

    /** drawn: spent or captured from the pool this cycle; held: in open holds. */
    public record Usage(long drawn, long held) {
    }

    public Uni<Map<String, Usage>> usage(Db db, UUID orgId, LocalDate cycleStart, Collection<String> users) {
        return db.sql().preparedQuery("SELECT u.user_id, coalesce(d.drawn, 0), coalesce(h.held, 0) "
                + "FROM unnest($3::text[]) AS u(user_id) "
                + "LEFT JOIN pool_usage d ON d.org_id = $1 AND d.cycle_start = $2 AND d.user_id = u.user_id "
                + "LEFT JOIN pool_hold h ON h.org_id = $1 AND h.user_id = u.user_id")
                .execute(Tuple.of(orgId, cycleStart, users.toArray(String[]::new))).map(PoolUsageRepository::byUser);
    }

    /**
     * {@link #usage} of the (org, user) pairs {@code orgIds[i]}, {@code userIds[i]}, each in its org's
     * current cycle as the projection has it when the statement runs; by member account.
     */
    public Uni<Map<AccountKey, Usage>> usageThisCycle(Db db, List<UUID> orgIds, List<String> userIds) {
        return db.sql().preparedQuery("SELECT k.org_id, k.user_id, coalesce(d.drawn, 0), coalesce(h.held, 0) "
                + "FROM unnest($1::uuid[], $2::text[]) AS k(org_id, user_id) "
                + "LEFT JOIN org_view o ON o.org_id = k.org_id "
                + "LEFT JOIN pool_usage d ON d.org_id = k.org_id AND d.user_id = k.user_id AND d.cycle_start = o.cycle_start "
                + "LEFT JOIN pool_hold h ON h.org_id = k.org_id AND h.user_id = k.user_id")
                .execute(Tuple.of(orgIds.toArray(UUID[]::new), userIds.toArray(String[]::new))).map(rows -> {
                    Map<AccountKey, Usage> usage = new HashMap<>();
                    for (Row r : rows) {
                        usage.put(AccountKey.member(r.getUUID(0), r.getString(1)), new Usage(r.getLong(2), r.getLong(3)));
                    }
                    return usage;
                });
    }

    private static Map<String, Usage> byUser(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        Map<String, Usage> usage = new HashMap<>();
        for (Row r : rows) {
            usage.put(r.getString(0), new Usage(r.getLong(1), r.getLong(2)));
        }
        return usage;
    }

    /** Adds pool draws of the cycle: rows of (user, drawn delta), users in a stable order. */
    public Uni<Void> addDrawn(Db db, UUID orgId, LocalDate cycleStart, List<String> users, List<Long> drawn) {
        return addDrawn(db, java.util.Collections.nCopies(users.size(), orgId),
                java.util.Collections.nCopies(users.size(), cycleStart), users, drawn);
    }

    /** Adds pool draws: rows of (org, its current cycle, user, drawn delta), in a stable order. */
    public Uni<Void> addDrawn(Db db, List<UUID> orgIds, List<LocalDate> cycleStarts, List<String> users,
            List<Long> drawn) {
        if (users.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.sql().preparedQuery("INSERT INTO pool_usage (org_id, user_id, cycle_start, drawn) "
                + "SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::bigint[]) "
                + "ON CONFLICT (org_id, user_id, cycle_start) DO UPDATE SET drawn = pool_usage.drawn + excluded.drawn")
                .execute(Tuple.of(orgIds.toArray(UUID[]::new), users.toArray(String[]::new),
                        cycleStarts.toArray(LocalDate[]::new), drawn.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /** Moves a member's held pool credits by {@code delta} (a hold made, or ended). */
    /** Pool credits no longer held, per member ({@code orgIds[i]}, {@code userIds[i]}, {@code released[i]} ≥ 0). */
    public Uni<Void> releaseHeld(Db db, List<UUID> orgIds, List<String> userIds, List<Long> released) {
        if (orgIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.sql().preparedQuery("UPDATE pool_hold p SET held = p.held - v.released FROM unnest($1::uuid[], "
                + "$2::text[], $3::bigint[]) AS v(org_id, user_id, released) "
                + "WHERE p.org_id = v.org_id AND p.user_id = v.user_id")
                .execute(Tuple.of(orgIds.toArray(UUID[]::new), userIds.toArray(String[]::new),
                        released.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    public Uni<Void> addHeld(Db db, UUID orgId, String userId, long delta) {
        if (delta == 0) {
            return Uni.createFrom().voidItem();
        }
        // A hold that ends always follows the one that made the row, so only a new hold inserts.
        String sql = delta > 0 ? "INSERT INTO pool_hold (org_id, user_id, held) VALUES ($1, $2, $3) "
                + "ON CONFLICT (org_id, user_id) DO UPDATE SET held = pool_hold.held + excluded.held"
                : "UPDATE pool_hold SET held = held + $3 WHERE org_id = $1 AND user_id = $2";
        return db.sql().preparedQuery(sql).execute(Tuple.of(orgId, userId, delta)).replaceWithVoid();
    }
}
