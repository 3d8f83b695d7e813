package dev.teamcredits.common.rest;

import dev.teamcredits.common.messaging.ParkedEvents;
import dev.teamcredits.common.messaging.ParkedEvents.Parked;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.common.security.OperatorAccess;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The events this service's consumers parked (common's {@link ParkedEvents}), for operator clients: list them and
 * re-drive one through the consumer's own apply path once its cause is fixed. Every service has it; one that
 * consumes nothing lists nothing.
 */
@Path("/v1/operator/parked-events")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class ParkedEventsResource {

    private static final int MAX_LISTED = 500;

    private final ParkedEvents parked;
    private final OperatorAccess operators;
    private final JsonWebToken token;

    public ParkedEventsResource(ParkedEvents parked, OperatorAccess operators, JsonWebToken token) {
        this.parked = parked;
        this.operators = operators;
        this.token = token;
    }

    /** A re-drive's answer: what was applied, in order (the event, then any held behind it). */
    public record RedriveResult(List<Parked> redriven) {
    }

    @GET
    @Operation(operationId = "listParkedEvents", summary = "Parked events, oldest first (operator clients); only those still waiting unless all=true")
    @APIResponse(responseCode = "200", description = "Up to 500 parked events")
    @APIResponse(responseCode = "403", description = "Not an operator client (operator-required)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Uni<List<Parked>> list(@QueryParam("all") @DefaultValue("false") String all) {
        operators.require(Caller.of(token), "Parked events");
        // Strictly true or false: JAX-RS would read any other word as false and list less than asked.
        if (!all.equals("true") && !all.equals("false")) {
            throw new ProblemException("invalid-filter", "Invalid filter", 400, "all must be true or false.");
        }
        return parked.list(all.equals("false"), MAX_LISTED);
    }

    @POST
    @Path("/{id}/redrive")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "redriveParkedEvent", summary = "Apply a parked event again through its consumer (operator clients); idempotent")
    @APIResponse(responseCode = "200", description = "Applied (or applied before): the events applied, in order")
    @APIResponse(responseCode = "403", description = "Not an operator client (operator-required)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such parked event (parked-event-not-found)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "An earlier event of the same key is still parked "
            + "(parked-event-waits), or the event still fails (parked-event-still-fails; it stays parked)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Uni<RedriveResult> redrive(@PathParam("id") String id) {
        operators.require(Caller.of(token), "Re-driving parked events");
        long parkedId = parseId(id);
        return parked.find(parkedId)
                .map(found -> found.orElseThrow(() -> notFound(id)))
                .chain(event -> parked.blocker(event).chain(blocker -> {
                    if (blocker.isPresent()) {
                        throw new ProblemException("parked-event-waits", "An earlier event is still parked", 409,
                                "Event #" + event.id() + " waits behind parked event #" + blocker.get().id()
                                        + " of the same key; re-drive that one first (it brings this one along).");
                    }
                    return parked.redrive(event);
                }))
                .map(result -> {
                    if (result.stillFailing().isPresent()) {
                        Parked failing = result.stillFailing().get();
                        throw new ProblemException("parked-event-still-fails", "The parked event still fails", 409,
                                "Event #" + failing.id() + " still fails and stays parked ("
                                        + result.redriven().size() + " applied before it): " + failing.error());
                    }
                    return new RedriveResult(result.redriven());
                });
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw notFound(id);
        }
    }

    private static ProblemException notFound(String id) {
        return new ProblemException("parked-event-not-found", "Parked event not found", 404,
                "No parked event " + id + " in this service.");
    }
}
