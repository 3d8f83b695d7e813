package dev.teamcredits.common.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.idempotency.Outcome;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The HTTP response of an idempotent request: its status, marked when it replays an earlier one. */
public final class Replies {

    private Replies() {
    }

    public static Response of(Outcome<?> outcome, int status) {
        return of(outcome, status, null);
    }

    public static Response of(Outcome<?> outcome, int status, URI location) {
        Response.ResponseBuilder builder = Response.status(status).entity(outcome.value());
        if (location != null) {
            builder.location(location);
        }
        if (outcome.replayed()) {
            builder.header(IdempotencyKeys.REPLAYED_HEADER, "true");
        }
        return builder.build();
    }
}
