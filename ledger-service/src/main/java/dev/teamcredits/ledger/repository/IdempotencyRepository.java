package dev.teamcredits.ledger.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Idempotency keys of money POSTs, claimed in the same transaction as the change they guard. A
 * concurrent request with the same key waits on the key's row until the first commits.
 */
@ApplicationScoped
public class IdempotencyRepository {

    /** A key someone already used, with the response stored for it (null while in flight). */
    public record Used(String fingerprint, String response) {
    }

    /** Claims keys; returns the ones that were already used (with what they stored). */
    public Uni<Map<String, Used>> claim(SqlClient c, String[] callers, String[] keys, String[] fingerprints) {
        return c.preparedQuery("INSERT INTO idempotency_record (caller, idempotency_key, fingerprint) "
                + "SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING "
                + "RETURNING caller, idempotency_key")
                .execute(Tuple.of(callers, keys, fingerprints)).chain(inserted -> {
                    Set<String> claimed = new HashSet<>();
                    for (Row r : inserted) {
                        claimed.add(id(r.getString(0), r.getString(1)));
                    }
                    if (claimed.size() == keys.length) {
                        return Uni.createFrom().item(Map.<String, Used>of());
                    }
                    return c.preparedQuery("SELECT r.caller, r.idempotency_key, r.fingerprint, r.response "
                            + "FROM idempotency_record r JOIN unnest($1::text[], $2::text[]) AS k(caller, idempotency_key) "
                            + "USING (caller, idempotency_key)")
                            .execute(Tuple.of(callers, keys)).map(rows -> {
                                Map<String, Used> used = new HashMap<>();
                                for (Row r : rows) {
                                    String id = id(r.getString(0), r.getString(1));
                                    if (!claimed.contains(id)) {
                                        used.put(id, new Used(r.getString(2), r.getString(3)));
                                    }
                                }
                                return used;
                            });
                });
    }

    public Uni<Void> store(SqlClient c, List<String> callers, List<String> keys, List<String> responses) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("UPDATE idempotency_record r SET response = v.response FROM unnest($1::text[], "
                + "$2::text[], $3::text[]) AS v(caller, idempotency_key, response) "
                + "WHERE r.caller = v.caller AND r.idempotency_key = v.idempotency_key")
                .execute(Tuple.of(callers.toArray(String[]::new), keys.toArray(String[]::new),
                        responses.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Gives keys back: their requests were refused, and a retry should be evaluated afresh. */
    public Uni<Void> release(SqlClient c, List<String> callers, List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("DELETE FROM idempotency_record r USING unnest($1::text[], $2::text[]) "
                + "AS v(caller, idempotency_key) WHERE r.caller = v.caller AND r.idempotency_key = v.idempotency_key")
                .execute(Tuple.of(callers.toArray(String[]::new), keys.toArray(String[]::new))).replaceWithVoid();
    }

    public static String id(String caller, String key) {
        return caller + "\u0000" + key;
    }
}
