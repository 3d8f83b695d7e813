package dev.teamcredits.ledger.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;

/** Auto top-up settings, one per account; their firing state is written with the account's postings. */
@ApplicationScoped
public class AutoTopUpRepository {

    /** Sets (or replaces) an account's setting, armed; a replaced one keeps what it fired this cycle. */
    public Uni<Void> put(Db db, long accountId, long threshold, long amount, int perCycleLimit, LocalDate cycleStart) {
        return db.sql().preparedQuery("INSERT INTO auto_top_up (account_id, threshold, amount, per_cycle_limit, fired, "
                + "cycle_start, armed) VALUES ($1, $2, $3, $4, 0, $5, true) ON CONFLICT (account_id) DO UPDATE SET "
                + "threshold = excluded.threshold, amount = excluded.amount, "
                + "per_cycle_limit = excluded.per_cycle_limit, armed = true")
                .execute(Tuple.of(accountId, threshold, amount, perCycleLimit, cycleStart)).replaceWithVoid();
    }

    public Uni<Void> delete(Db db, String accountRef) {
        return db.sql().preparedQuery("DELETE FROM auto_top_up WHERE account_id = (SELECT id FROM account WHERE ref = $1)")
                .execute(Tuple.of(accountRef)).replaceWithVoid();
    }
}
