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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The events this service's consumers parked (common's {@link ParkedEvents}), for operator clients: list them and
 * re-drive one through the consumer's own apply path once its cause is fixed. Every service has it, under its own
 * path ({@code /v1/operator/<service>/parked-events}, a subclass in the service), so that behind one address each
 * path still reaches the one service whose events it lists; one that consumes nothing lists nothing.
 */
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ProblemResponsesFilter.OPERATIONS_TAG)
public abstract class ParkedEventsResource {

    private static final int MAX_PAGE = 500;

    private final ParkedEvents parked;
    private final OperatorAccess operators;
    private final JsonWebToken token;

    protected ParkedEventsResource(ParkedEvents parked, OperatorAccess operators, JsonWebToken token) {
        this.parked = parked;
        this.operators = operators;
        this.token = token;
    }

    /** A re-drive's answer: what was applied, in order (the event, then any held behind it). */
    @Schema(description = "The events a re-drive applied, in order: the event, then any held behind it")
    public record RedriveResult(@Schema(description = "The events applied, in order") List<Parked> redriven) {
    }

    /** A page of parked events, oldest first; {@code nextCursor} continues it (null on the last page). */
    @Schema(description = "A page of parked events, oldest first")
    public record ParkedPage(@Schema(description = "The parked events of this page, oldest first") List<Parked> items,
            @Schema(description = "Pass as `cursor` for the next page; null on the last page",
                    nullable = true) String nextCursor) {
    }

    @GET
    @Operation(operationId = "listParkedEvents",
            summary = "Parked events, oldest first (operator clients); only those still waiting unless all=true")
    @APIResponse(responseCode = "200", description = "A page of parked events")
    @APIResponse(responseCode = "400", description = "all is not true or false (invalid-filter), limit is not 1 to "
            + MAX_PAGE + " (invalid-limit), or the cursor is not one of this list (invalid-cursor)")
    @APIResponse(responseCode = "403", description = "Not an operator client (operator-required)")
    public Uni<ParkedPage> list(
            @Parameter(description = "true lists re-driven events too",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            @QueryParam("all") @DefaultValue("false") String all,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                    minimum = "1", maximum = "" + MAX_PAGE, defaultValue = "100"))
            @QueryParam("limit") @DefaultValue("100") String limit) {
        operators.require(Caller.of(token), "Parked events");
        // Strictly true or false: JAX-RS would read any other word as false and list less than asked.
        if (!all.equals("true") && !all.equals("false")) {
            throw new ProblemException("invalid-filter", "Invalid filter", 400, "all must be true or false.");
        }
        int size = Cursors.limit(limit, MAX_PAGE);
        // The filter is part of the list: a cursor of the waiting list does not page the whole one.
        String scope = "parked-events:" + (all.equals("true") ? "all" : "waiting");
        long after = cursor == null ? 0 : Cursors.decode(scope, cursor);
        return parked.list(all.equals("false"), after, size + 1).map(rows -> {
            List<Parked> items = rows.size() > size ? rows.subList(0, size) : rows;
            String next = rows.size() > size ? Cursors.encode(scope, items.get(items.size() - 1).id()) : null;
            return new ParkedPage(List.copyOf(items), next);
        });
    }

    @POST
    @Path("/{id}/redrive")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "redriveParkedEvent",
            summary = "Apply a parked event again through its consumer (operator clients); idempotent")
    @APIResponse(responseCode = "200", description = "Applied (or applied before): the events applied, in order")
    @APIResponse(responseCode = "403", description = "Not an operator client (operator-required)")
    @APIResponse(responseCode = "404", description = "No such parked event (parked-event-not-found)")
    @APIResponse(responseCode = "409", description = "An earlier event of the same key is still parked, or the "
            + "event still fails and stays parked (parked-event-waits, parked-event-still-fails)")
    public Uni<RedriveResult> redrive(
            @Parameter(description = "The parked event's id", schema = @Schema(type = SchemaType.INTEGER,
                    format = "int64")) @PathParam("id") String id) {
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
