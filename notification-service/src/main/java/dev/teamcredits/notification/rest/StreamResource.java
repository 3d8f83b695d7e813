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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's live stream: Server-Sent Events, served by {@link LiveStreamConnections}. */
@Path("/v1/me/stream")
@Authenticated
@Tag(name = NotificationOpenApi.STREAM)
public class StreamResource {

    private final LiveStreamConnections connections;
    private final JsonWebToken token;

    public StreamResource(LiveStreamConnections connections, JsonWebToken token) {
        this.connections = connections;
        this.token = token;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "openStream", summary = "Open the caller's live stream (Server-Sent Events)",
            description = "Events: `ready` once subscribed (`{\"userId\": …}`); `notification`, a new inbox entry "
                    + "as in the inbox list, when the caller's stream preference for its type is on; `ledger` "
                    + "(`{type, eventId, data}`), a ledger change as the caller may read it: admins every change of "
                    + "their orgs, members their own changes and the pool's numbers after the others (type "
                    + "dev.teamcredits.stream.pool-balance.v1). A comment line every 20 s keeps proxies from "
                    + "closing it. Live only: what happened while disconnected is in the inbox.")
    @APIResponse(responseCode = "200", description = "An open event stream", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING,
                    description = "text/event-stream: `event:` ready, notification or ledger, `data:` JSON"),
            examples = @ExampleObject(name = "ready", summary = "The first event",
                    value = "event: ready\ndata: {\"userId\":\"5b8e2f0c-3d1a-4e5b-9c7d-1a2b3c4d5e6f\"}\n\n")))
    @APIResponse(responseCode = "400", description = NotificationOpenApi.BAD_REQUEST)
    @APIResponse(responseCode = "429", description = "The caller already holds as many streams as allowed on this "
            + "replica (notification.stream.max-per-user); retry after Retry-After seconds (too-many-streams)")
    @APIResponse(responseCode = "503", description = "This replica holds as many streams as it may; retry after "
            + "Retry-After seconds, another replica may take it (overloaded)")
    public void stream(@Context SseEventSink sink, @Context Sse sse) {
        connections.open(token.getSubject(), sink, sse);
    }
}
