package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.CaptureRequest;
import dev.teamcredits.ledger.rest.dto.ReserveRequest;
import dev.teamcredits.ledger.rest.mapping.LedgerMapping;
import dev.teamcredits.ledger.service.ReservationService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Two-phase spends: reserve, then capture or release. */
@Path("/v1/orgs/{orgId}/reservations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Org credits")
@APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
public class ReservationResource {

    private final ReservationService reservations;
    private final JsonWebToken token;

    public ReservationResource(ReservationService reservations, JsonWebToken token) {
        this.reservations = reservations;
        this.token = token;
    }

    @POST
    @Operation(summary = "Hold credits for a member until captured or released (TTL)")
    @APIResponse(responseCode = "201", description = "Reserved")
    @APIResponse(responseCode = "400", description = "A zero-priced action needs no hold (nothing-to-reserve), or a bad TTL")
    @APIResponse(responseCode = "402", description = "Not enough available credits (insufficient-credits)")
    @APIResponse(responseCode = "403", description = "Reserving for another member without being a trusted backend")
    public Uni<Response> reserve(@PathParam("orgId") String orgId,
            @Parameter(description = OrgIds.KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull ReserveRequest request) {
        return reservations.reserve(Caller.of(token), key, OrgIds.org(orgId), LedgerMapping.command(request))
                .map(o -> Replies.of(o.map(LedgerMapping::dto), 201));
    }

    @POST
    @Path("{reservationId}/capture")
    @Operation(summary = "Charge up to the reserved amount and release the rest (the caller that made the hold, or an "
            + "operator)")
    @APIResponse(responseCode = "200", description = "Captured")
    @APIResponse(responseCode = "402", description = "Credits the hold kept have expired and the held accounts lack valid "
            + "ones; nothing changed (insufficient-credits)")
    @APIResponse(responseCode = "403", description = "Only the caller that made the hold captures it (reservation-not-yours)")
    @APIResponse(responseCode = "409", description = "The reservation is no longer active (reservation-not-active)")
    @APIResponse(responseCode = "422", description = "More than reserved (capture-exceeds-reservation)")
    public Uni<Response> capture(@PathParam("orgId") String orgId, @PathParam("reservationId") String reservationId,
            @Parameter(description = OrgIds.KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull CaptureRequest request) {
        return reservations.capture(Caller.of(token), key, OrgIds.org(orgId), OrgIds.reservation(reservationId),
                request.amount()).map(o -> Replies.of(o.map(LedgerMapping::dto), 200));
    }

    @POST
    @Path("{reservationId}/release")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Give the reserved credits back (the caller that made the hold, an admin of the org, or an "
            + "operator)")
    @APIResponse(responseCode = "200", description = "Released")
    @APIResponse(responseCode = "403", description = "Not the caller that made the hold, nor an admin (reservation-not-yours)")
    @APIResponse(responseCode = "409", description = "The reservation is no longer active (reservation-not-active)")
    public Uni<Response> release(@PathParam("orgId") String orgId, @PathParam("reservationId") String reservationId,
            @Parameter(description = OrgIds.KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return reservations.release(Caller.of(token), key, OrgIds.org(orgId), OrgIds.reservation(reservationId))
                .map(o -> Replies.of(o.map(LedgerMapping::dto), 200));
    }
}
