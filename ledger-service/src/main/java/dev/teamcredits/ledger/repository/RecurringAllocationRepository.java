package dev.teamcredits.ledger.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Per-member allocations applied at each cycle start: top the member balance up to N, or add N. */
@ApplicationScoped
public class RecurringAllocationRepository {

    public record Allocation(String userId, String mode, long amount) {

        public dev.teamcredits.ledger.domain.CycleClosing.Mode allocationMode() {
            return dev.teamcredits.ledger.domain.CycleClosing.Mode.valueOf(mode);
        }
    }

    public Uni<List<Allocation>> forOrg(Db db, UUID orgId) {
        return db.sql().preparedQuery("SELECT r.user_id, r.mode, r.amount FROM recurring_allocation r JOIN member_view m "
                + "ON m.org_id = r.org_id AND m.user_id = r.user_id WHERE r.org_id = $1 AND m.active ORDER BY r.user_id")
                .execute(Tuple.of(orgId)).map(rows -> {
                    List<Allocation> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new Allocation(r.getString(0), r.getString(1), r.getLong(2))));
                    return list;
                });
    }

    public Uni<Void> put(Db db, UUID orgId, String userId, String mode, long amount) {
        return db.sql().preparedQuery("INSERT INTO recurring_allocation (org_id, user_id, mode, amount) VALUES ($1, $2, $3, $4) "
                + "ON CONFLICT (org_id, user_id) DO UPDATE SET mode = excluded.mode, amount = excluded.amount")
                .execute(Tuple.of(orgId, userId, mode, amount)).replaceWithVoid();
    }

    public Uni<Void> delete(Db db, UUID orgId, String userId) {
        return db.sql().preparedQuery("DELETE FROM recurring_allocation WHERE org_id = $1 AND user_id = $2")
                .execute(Tuple.of(orgId, userId)).replaceWithVoid();
    }
}
