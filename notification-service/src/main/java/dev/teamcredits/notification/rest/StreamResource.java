package dev.teamcredits.notification.rest;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's live stream: Server-Sent Events, served by {@link LiveStreamConnections}. */
@Path("/v1/me/stream")
@Authenticated
@Tag(name = "Live stream")
public class StreamResource {

    private final LiveStreamConnections connections;
    private final JsonWebToken token;

    public StreamResource(LiveStreamConnections connections, JsonWebToken token) {
        this.connections = connections;
        this.token = token;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-Sent Events for the caller: 'ready' once subscribed, then 'notification' (a new "
            + "inbox entry) and 'ledger' (a ledger change as the caller may read it: admins every change of their "
            + "orgs, members their own changes and the pool's numbers after the others, type "
            + "dev.teamcredits.stream.pool-balance.v1)")
    @APIResponse(responseCode = "200", description = "An open event stream")
    public void stream(@Context SseEventSink sink, @Context Sse sse) {
        connections.open(token.getSubject(), sink, sse);
    }
}
