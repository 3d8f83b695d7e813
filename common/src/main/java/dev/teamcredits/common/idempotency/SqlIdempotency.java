package dev.teamcredits.common.idempotency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Idempotency keys on a SQL connection, for services that use the reactive SQL client: claimed in
 * the change's own transaction, the result stored with it (the rules: {@link IdempotencyKeys}). A
 * concurrent request with the same key waits on the key's row until the first commits. Keys are
 * claimed in one stable order, so two transactions never wait on each other's keys crosswise.
 */
@ApplicationScoped
public class SqlIdempotency {

    private final IdempotencyKeys keys;

    public SqlIdempotency(IdempotencyKeys keys) {
        this.keys = keys;
    }

    /** One key of a claim: who, which key, and the request's fingerprint. */
    public record Claim(String caller, String key, String fingerprint) {

        public String id() {
            return id(caller, key);
        }

        static String id(String caller, String key) {
            return caller + "\u0000" + key;
        }
    }

    /**
     * Runs {@code change} once per ({@code caller}, {@code key}) in the transaction of {@code c}; a
     * retry gets the stored result. A refusal (an exception) rolls the claim back with the change.
     */
    public <T> Uni<Outcome<T>> once(SqlClient c, String caller, String key, List<Object> request, Class<T> type,
            Supplier<Uni<T>> change) {
        IdempotencyKeys.require(key);
        Claim claim = new Claim(caller, key, keys.fingerprint(request));
        return claim(c, List.of(claim)).chain(used -> {
            IdempotencyKeys.Used previous = used.get(claim.id());
            if (previous != null) {
                return Uni.createFrom().item(keys.replay(previous, claim.fingerprint(), type));
            }
            return change.get().call(result -> store(c, List.of(claim), List.of(keys.write(result))))
                    .map(Outcome::fresh);
        });
    }

    /** Claims keys (sorted); returns those already used, by {@link Claim#id()}, with what they stored. */
    public Uni<Map<String, IdempotencyKeys.Used>> claim(SqlClient c, List<Claim> claims) {
        List<Claim> sorted = new ArrayList<>(claims);
        sorted.sort(Comparator.comparing(Claim::caller).thenComparing(Claim::key));
        return c.preparedQuery("INSERT INTO idempotency_record (caller, idempotency_key, fingerprint) "
                + "SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING "
                + "RETURNING caller, idempotency_key")
                .execute(columns(sorted)).chain(inserted -> {
                    Set<String> claimed = new HashSet<>();
                    for (Row r : inserted) {
                        claimed.add(Claim.id(r.getString(0), r.getString(1)));
                    }
                    if (claimed.size() == sorted.size()) {
                        return Uni.createFrom().item(Map.<String, IdempotencyKeys.Used>of());
                    }
                    return c.preparedQuery("SELECT r.caller, r.idempotency_key, r.fingerprint, r.response "
                            + "FROM idempotency_record r JOIN unnest($1::text[], $2::text[]) AS k(caller, idempotency_key) "
                            + "USING (caller, idempotency_key)")
                            .execute(Tuple.of(sorted.stream().map(Claim::caller).toArray(String[]::new),
                                    sorted.stream().map(Claim::key).toArray(String[]::new)))
                            .map(rows -> {
                                Map<String, IdempotencyKeys.Used> used = new HashMap<>();
                                for (Row r : rows) {
                                    String id = Claim.id(r.getString(0), r.getString(1));
                                    if (!claimed.contains(id)) {
                                        used.put(id, new IdempotencyKeys.Used(r.getString(2), r.getString(3)));
                                    }
                                }
                                return used;
                            });
                });
    }

    /**
     * Stores the results of claimed keys (same order as {@code claims}), each with the fingerprint of the claim
     * that produced it: in a batch, a key whose first use was refused may be charged by a later item with
     * another request.
     */
    public Uni<Void> store(SqlClient c, List<Claim> claims, List<String> responses) {
        if (claims.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("UPDATE idempotency_record r SET response = v.response, fingerprint = v.fingerprint "
                + "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) "
                + "AS v(caller, idempotency_key, response, fingerprint) "
                + "WHERE r.caller = v.caller AND r.idempotency_key = v.idempotency_key")
                .execute(Tuple.of(claims.stream().map(Claim::caller).toArray(String[]::new),
                        claims.stream().map(Claim::key).toArray(String[]::new), responses.toArray(String[]::new),
                        claims.stream().map(Claim::fingerprint).toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** Gives keys back: their requests were refused, and a retry should be judged afresh. */
    public Uni<Void> release(SqlClient c, List<Claim> claims) {
        if (claims.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("DELETE FROM idempotency_record r USING unnest($1::text[], $2::text[]) "
                + "AS v(caller, idempotency_key) WHERE r.caller = v.caller AND r.idempotency_key = v.idempotency_key")
                .execute(Tuple.of(claims.stream().map(Claim::caller).toArray(String[]::new),
                        claims.stream().map(Claim::key).toArray(String[]::new)))
                .replaceWithVoid();
    }

    private static Tuple columns(List<Claim> claims) {
        return Tuple.of(claims.stream().map(Claim::caller).toArray(String[]::new),
                claims.stream().map(Claim::key).toArray(String[]::new),
                claims.stream().map(Claim::fingerprint).toArray(String[]::new));
    }
}
