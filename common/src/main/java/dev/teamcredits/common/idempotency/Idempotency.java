package dev.teamcredits.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.common.rest.Problem;
import dev.teamcredits.common.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * {@code Idempotency-Key} handling for mutating POSTs, inside the caller's own transaction: the
 * key is claimed, the change made and its result stored in one commit. A retry with the same key
 * and request gets the stored result without a second change; the same key with a different
 * request is a 422. Two concurrent requests with one key serialize on the key's row: the second
 * waits for the first to commit and then replays it. Needs the {@code idempotency_record} table.
 */
@ApplicationScoped
public class Idempotency {

    /** The header, as clients send it. */
    public static final String HEADER = "Idempotency-Key";
    /** Set on a response that is a replay of an earlier one. */
    public static final String REPLAYED_HEADER = "Idempotency-Replayed";

    private final ObjectMapper json;

    public Idempotency(ObjectMapper json) {
        this.json = json;
    }

    /** The result of a request, and whether it was replayed from an earlier one. */
    public record Outcome<T>(T value, boolean replayed) {

        /** A response with the value, marked {@value #REPLAYED_HEADER} when it replays an earlier request. */
        public jakarta.ws.rs.core.Response toResponse(int status, java.net.URI location) {
            jakarta.ws.rs.core.Response.ResponseBuilder builder = jakarta.ws.rs.core.Response.status(status)
                    .entity(value);
            if (location != null) {
                builder.location(location);
            }
            if (replayed) {
                builder.header(REPLAYED_HEADER, "true");
            }
            return builder.build();
        }
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
            return change.get().map(v -> new Outcome<>(v, false));
        }
        validate(key);
        String fingerprint = fingerprint(request);
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "INSERT INTO idempotency_record (caller, idempotency_key, fingerprint) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT DO NOTHING")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, fingerprint)
                .executeUpdate()
                .chain(inserted -> inserted == 1
                        ? change.get().call(value -> store(session, caller, key, value)).map(v -> new Outcome<>(v, false))
                        : replay(session, caller, key, fingerprint, resultType)));
    }

    private Uni<Integer> store(Mutiny.Session session, String caller, String key, Object value) {
        return session.createNativeQuery("UPDATE idempotency_record SET response = ?3 WHERE caller = ?1 "
                + "AND idempotency_key = ?2")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, write(value))
                .executeUpdate();
    }

    private <T> Uni<Outcome<T>> replay(Mutiny.Session session, String caller, String key, String fingerprint,
            Class<T> resultType) {
        return session.createNativeQuery("SELECT fingerprint, response FROM idempotency_record WHERE caller = ?1 "
                + "AND idempotency_key = ?2", Object[].class)
                .setParameter(1, caller).setParameter(2, key)
                .getSingleResult()
                .map(row -> {
                    if (!fingerprint.equals(row[0])) {
                        throw keyReused();
                    }
                    if (row[1] == null) {
                        throw inProgress();
                    }
                    return new Outcome<>(read((String) row[1], resultType), true);
                });
    }

    /** 422: the key was already used with a different request. */
    public static ProblemException keyReused() {
        return new ProblemException(new Problem("idempotency-key-reused", "Idempotency key reused", 422,
                "This Idempotency-Key was already used with a different request."));
    }

    /** 409: a request with the key has not finished (its transaction has not committed). */
    public static ProblemException inProgress() {
        return new ProblemException(new Problem("idempotency-key-in-use", "Request in progress", 409,
                "A request with this Idempotency-Key is still in progress; retry shortly."));
    }

    /** 400 unless the key is 1 to 200 visible ASCII characters. */
    public static void validate(String key) {
        if (key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new ProblemException(new Problem("invalid-idempotency-key", "Invalid Idempotency-Key", 400,
                    "Idempotency-Key must be 1 to 200 visible ASCII characters."));
        }
    }

    /** SHA-256 of the request's JSON: what must match for a retry to replay. */
    public String fingerprint(List<Object> request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored idempotent response no longer reads as " + type.getSimpleName(), e);
        }
    }
}
