package dev.teamcredits.team.rest;

import dev.teamcredits.common.idempotency.Idempotency;
import jakarta.ws.rs.core.Response;
import java.net.URI;

final class Responses {

    private Responses() {
    }

    /** 201 with Location, or, for a replayed Idempotency-Key, the same with {@code Idempotency-Replayed: true}. */
    static Response created(URI location, Idempotency.Outcome<?> outcome) {
        Response.ResponseBuilder builder = Response.created(location).entity(outcome.value());
        if (outcome.replayed()) {
            builder.header(Idempotency.REPLAYED_HEADER, "true");
        }
        return builder.build();
    }
}
