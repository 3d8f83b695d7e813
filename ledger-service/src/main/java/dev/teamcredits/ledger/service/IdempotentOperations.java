package dev.teamcredits.ledger.service;

import dev.teamcredits.common.idempotency.Outcome;
import dev.teamcredits.common.idempotency.SqlIdempotency;
import dev.teamcredits.common.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every money POST carries an Idempotency-Key, claimed in the operation's own transaction with the
 * response stored with it (common's {@link SqlIdempotency}), so a retry replays the first result and
 * moves nothing. A refused operation rolls back with its claim, so its retry is evaluated afresh.
 */
@ApplicationScoped
public class IdempotentOperations {

    private final SqlIdempotency keys;

    public IdempotentOperations(SqlIdempotency keys) {
        this.keys = keys;
    }

    public <T> Uni<Outcome<T>> once(LedgerTransaction tx, Caller caller, String key, List<Object> request, Class<T> type,
            Supplier<Uni<T>> operation) {
        return keys.once(tx.sql(), caller.subject(), key, request, type, operation);
    }
}
