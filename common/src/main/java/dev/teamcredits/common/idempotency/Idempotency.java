package dev.teamcredits.common.idempotency;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Supplier;

/**
 * Idempotency keys in the current Hibernate Reactive (Panache) transaction, for services that use
 * Panache: the key is claimed, the change made and its result stored in one commit (the rules:
 * {@link IdempotencyKeys}). Two concurrent requests with one key serialize on the key's row: the
 * second waits for the first to commit and then replays it. {@link SqlIdempotency} is the same on a
 * SQL connection.
 */
@ApplicationScoped
public class Idempotency {

    private final IdempotencyKeys keys;

    public Idempotency(IdempotencyKeys keys) {
        this.keys = keys;
    }

    /**
     * Runs {@code change} once per ({@code caller}, {@code key}). Must be called inside a transaction.
     * A null key runs {@code change} without idempotency.
     *
     * @param request what identifies the request beyond its key: operation name and body
     */
    public <T> Uni<Outcome<T>> once(String caller, String key, List<Object> request, Class<T> resultType,
            Supplier<Uni<T>> change) {
        if (key == null) {
            return change.get().map(Outcome::fresh);
        }
        IdempotencyKeys.validate(key);
        String fingerprint = keys.fingerprint(request);
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "INSERT INTO idempotency_record (caller, idempotency_key, fingerprint) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT DO NOTHING")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, fingerprint)
                .executeUpdate()
                .chain(inserted -> inserted == 1
                        ? change.get().call(value -> session.createNativeQuery("UPDATE idempotency_record "
                                + "SET response = ?3 WHERE caller = ?1 AND idempotency_key = ?2")
                                .setParameter(1, caller).setParameter(2, key).setParameter(3, keys.write(value))
                                .executeUpdate()).map(Outcome::fresh)
                        : session.createNativeQuery("SELECT fingerprint, response FROM idempotency_record "
                                + "WHERE caller = ?1 AND idempotency_key = ?2", Object[].class)
                                .setParameter(1, caller).setParameter(2, key).getSingleResult()
                                .map(row -> keys.replay(new IdempotencyKeys.Used((String) row[0], (String) row[1]),
                                        fingerprint, resultType))));
    }
}
