package dev.teamcredits.ledger.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Pool credits each member drew (and holds in reservations) in a cycle, for the pool cap. Read
 * and written while the org's pool is locked, so the numbers cannot race.
 */
@ApplicationScoped
public class PoolUsageRepository {

    /** drawn: captured and spent; held: in active reservations. */
    public record Usage(long drawn, long held) {
    }

    public Uni<Map<String, Usage>> usage(SqlClient c, UUID orgId, LocalDate cycleStart, Collection<String> users) {
        return c.preparedQuery("SELECT user_id, drawn, held FROM pool_usage WHERE org_id = $1 AND cycle_start = $2 "
                + "AND user_id = ANY($3)")
                .execute(Tuple.of(orgId, cycleStart, users.toArray(String[]::new))).map(rows -> {
                    Map<String, Usage> usage = new HashMap<>();
                    for (Row r : rows) {
                        usage.put(r.getString(0), new Usage(r.getLong(1), r.getLong(2)));
                    }
                    return usage;
                });
    }

    /** Adds deltas: rows of (user, drawn delta, held delta). */
    public Uni<Void> add(SqlClient c, UUID orgId, LocalDate cycleStart, List<String> users, List<Long> drawn,
            List<Long> held) {
        if (users.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("INSERT INTO pool_usage (org_id, user_id, cycle_start, drawn, held) "
                + "SELECT $1, u, $2, d, h FROM unnest($3::text[], $4::bigint[], $5::bigint[]) AS v(u, d, h) "
                + "ON CONFLICT (org_id, user_id, cycle_start) DO UPDATE "
                + "SET drawn = pool_usage.drawn + excluded.drawn, held = pool_usage.held + excluded.held")
                .execute(Tuple.of(orgId, cycleStart, users.toArray(String[]::new), drawn.toArray(Long[]::new),
                        held.toArray(Long[]::new)))
                .replaceWithVoid();
    }
}
