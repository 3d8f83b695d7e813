package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.Idempotency;
import dev.teamcredits.common.rest.ProblemException;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.function.Supplier;

/** Helpers the ledger's resources share. */
final class Paths {

    private Paths() {
    }

    /** Something that is not a UUID names nothing: the same 404 as an unknown id. */
    static UUID id(String value, Supplier<ProblemException> notFound) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw notFound.get();
        }
    }

    /** An optional yyyy-mm-dd query parameter; anything else is a 400 (not the 404 JAX-RS would give). */
    static java.time.LocalDate date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ProblemException("invalid-date", "Invalid date", 400, "'" + value + "' is not a yyyy-mm-dd date.");
        }
    }

    /** 200 (or 201) with the result, marked when it replays an earlier request with the same key. */
    static Response ok(Idempotency.Outcome<?> outcome, int status) {
        Response.ResponseBuilder builder = Response.status(status).entity(outcome.value());
        if (outcome.replayed()) {
            builder.header(Idempotency.REPLAYED_HEADER, "true");
        }
        return builder.build();
    }
}
