package dev.teamcredits.ledger.service;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
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
    private final IdempotencyKeys rules;

    public IdempotentOperations(SqlIdempotency keys, IdempotencyKeys rules) {
        this.keys = keys;
        this.rules = rules;
    }

    /**
     * Runs {@code operation} once per caller and key in {@code tx}; a retry gets the stored result. The
     * result is stored with the transaction's other writes at its end (one round trip for all).
     */
    public <T> Uni<Outcome<T>> once(LedgerTransaction tx, Caller caller, String key, List<Object> request, Class<T> type,
            Supplier<Uni<T>> operation) {
        IdempotencyKeys.require(key);
        SqlIdempotency.Claim claim = new SqlIdempotency.Claim(caller.subject(), key, rules.fingerprint(request));
        return keys.claim(tx.sql(), List.of(claim)).chain(used -> {
            IdempotencyKeys.Used previous = used.get(claim.id());
            if (previous != null) {
                return Uni.createFrom().item(rules.replay(previous, claim.fingerprint(), type));
            }
            return operation.get().invoke(result -> tx.writeAtEnd(keys.store(tx.sql(), List.of(claim),
                    List.of(rules.write(result))))).map(Outcome::fresh);
        });
    }
}
