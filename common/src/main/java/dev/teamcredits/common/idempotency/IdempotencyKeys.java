package dev.teamcredits.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.common.rest.Problem;
import dev.teamcredits.common.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The rules of an {@code Idempotency-Key}, whichever way a service stores keys ({@link Idempotency}
 * with a Hibernate session, {@link SqlIdempotency} on a SQL connection): what a valid key is, what
 * makes two requests the same, and what a key that was used before answers. Only a request that
 * succeeded keeps its key; a refused one rolls back with its claim, so its retry is judged afresh.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** The header, as clients send it. */
    public static final String HEADER = "Idempotency-Key";
    /** Set on a response that is a replay of an earlier one. */
    public static final String REPLAYED_HEADER = "Idempotency-Replayed";

    private final ObjectMapper json;

    public IdempotencyKeys(ObjectMapper json) {
        this.json = json;
    }

    /** A key someone already used: the request's fingerprint, and its stored result (null while in flight). */
    public record Used(String fingerprint, String response) {
    }

    /** 400 unless a key was sent, of 1 to 200 visible ASCII characters. */
    public static void require(String key) {
        if (key == null) {
            throw new ProblemException(new Problem("idempotency-key-required", "Idempotency-Key required", 400,
                    "Requests that move credits need an Idempotency-Key header, so that retries are safe."));
        }
        validate(key);
    }

    /** 400 unless the key is 1 to 200 visible ASCII characters. */
    public static void validate(String key) {
        if (key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new ProblemException(new Problem("invalid-idempotency-key", "Invalid Idempotency-Key", 400,
                    "Idempotency-Key must be 1 to 200 visible ASCII characters."));
        }
    }

    /** SHA-256 of the request's JSON (operation name and body): what must match for a retry to replay. */
    public String fingerprint(List<Object> request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What a used key answers: the stored result for the same request (a replay), 422 for another
     * request, 409 while the first one has not committed.
     */
    public <T> Outcome<T> replay(Used used, String fingerprint, Class<T> type) {
        if (!used.fingerprint().equals(fingerprint)) {
            throw keyReused();
        }
        if (used.response() == null) {
            throw new ProblemException(new Problem("idempotency-key-in-use", "Request in progress", 409,
                    "A request with this Idempotency-Key is still in progress; retry shortly."));
        }
        try {
            return new Outcome<>(json.readValue(used.response(), type), true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored idempotent response no longer reads as " + type.getSimpleName(), e);
        }
    }

    /** 422: the key was already used with a different request. */
    public static ProblemException keyReused() {
        return new ProblemException(new Problem("idempotency-key-reused", "Idempotency key reused", 422,
                "This Idempotency-Key was already used with a different request."));
    }

    /** The result as stored with its key. */
    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
