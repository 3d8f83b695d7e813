package dev.teamcredits.ledger.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.common.idempotency.Idempotency;
import dev.teamcredits.common.idempotency.Idempotency.Outcome;
import dev.teamcredits.common.rest.Problem;
import dev.teamcredits.common.rest.ProblemException;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.repository.IdempotencyRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every money POST carries an Idempotency-Key: the key is claimed in the operation's own
 * transaction and the response stored with it, so a retry replays the first result and moves
 * nothing. A refused operation rolls back with its claim, so its retry is evaluated afresh.
 */
@ApplicationScoped
public class IdempotentOperations {

    private final IdempotencyRepository keys;
    private final Idempotency idempotency;
    private final ObjectMapper json;

    public IdempotentOperations(IdempotencyRepository keys, Idempotency idempotency, ObjectMapper json) {
        this.keys = keys;
        this.idempotency = idempotency;
        this.json = json;
    }

    /** 400 unless a valid key was sent. */
    public static void requireKey(String key) {
        if (key == null) {
            throw new ProblemException(new Problem("idempotency-key-required", "Idempotency-Key required", 400,
                    "Requests that move credits need an Idempotency-Key header, so that retries are safe."));
        }
        Idempotency.validate(key);
    }

    public String fingerprint(List<Object> request) {
        return idempotency.fingerprint(request);
    }

    public <T> Uni<Outcome<T>> once(UnitOfWork uow, Caller caller, String key, List<Object> request, Class<T> type,
            Supplier<Uni<T>> operation) {
        requireKey(key);
        String fingerprint = fingerprint(request);
        return keys.claim(uow.connection, new String[] { caller.subject() }, new String[] { key },
                new String[] { fingerprint }).chain(used -> {
                    IdempotencyRepository.Used previous = used.get(IdempotencyRepository.id(caller.subject(), key));
                    if (previous != null) {
                        return Uni.createFrom().item(replay(previous, fingerprint, type));
                    }
                    return operation.get().call(result -> keys.store(uow.connection, List.of(caller.subject()),
                            List.of(key), List.of(write(result)))).map(result -> new Outcome<>(result, false));
                });
    }

    public <T> Outcome<T> replay(IdempotencyRepository.Used previous, String fingerprint, Class<T> type) {
        if (!previous.fingerprint().equals(fingerprint)) {
            throw Idempotency.keyReused();
        }
        if (previous.response() == null) {
            throw Idempotency.inProgress();
        }
        try {
            return new Outcome<>(json.readValue(previous.response(), type), true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
