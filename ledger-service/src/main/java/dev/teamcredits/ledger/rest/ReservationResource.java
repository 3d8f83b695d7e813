package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.CaptureRequest;
import dev.teamcredits.ledger.rest.dto.ReservationResponse;
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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Two-phase spends: reserve, then capture or release. */
@Path("/v1/orgs/{orgId}/reservations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.ORG_CREDITS)
public class ReservationResource {

    private final ReservationService reservations;
    private final JsonWebToken token;

    public ReservationResource(ReservationService reservations, JsonWebToken token) {
        this.reservations = reservations;
        this.token = token;
    }

    @POST
    @Operation(operationId = "reserveCredits", summary = "Hold credits for a member until captured or released",
            description = "Holds an amount, or the price of action × quantity, along the same waterfall and pool cap "
                    + "as a spend, for ttlSeconds; a hold not captured or released by then is released by the system.")
    @APIResponse(responseCode = "201", description = "Reserved (or, with Idempotency-Replayed: true, the first "
            + "reservation of this key again)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReservationResponse.class)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_KEYED_BODY + "; neither or both of amount and "
            + "action; a trusted backend that names no member; an action with no price or costing nothing; a price "
            + "above 10^12 credits; ttlSeconds above ledger.reservations.max-ttl (" + ApiDocs.BAD_KEYED_BODY_SLUGS
            + ", user-id-required, unknown-action, nothing-to-reserve, amount-out-of-range, ttl-out-of-range)")
    @APIResponse(responseCode = "402", description = "Not enough available credits along the waterfall; nothing "
            + "held (insufficient-credits)")
    @APIResponse(responseCode = "403", description = "Reserving for another member without being a trusted backend "
            + "(spend-for-others)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not an active member; or the "
            + "member a trusted backend names is not one (org-not-found, member-not-found)")
    @APIResponse(responseCode = "409", description = ApiDocs.KEY_IN_USE)
    @APIResponse(responseCode = "422", description = ApiDocs.KEY_REUSED)
    public Uni<Response> reserve(
            @Parameter(description = ApiDocs.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER, required = true,
                    description = ApiDocs.KEY, example = ApiDocs.KEY_EXAMPLE, schema = @Schema(type = SchemaType.STRING,
                            minLength = 1, maxLength = 200, pattern = ApiDocs.KEY_PATTERN))
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull ReserveRequest request) {
        return reservations.reserve(Caller.of(token), key, OrgIds.org(orgId), LedgerMapping.command(request))
                .map(o -> Replies.of(o.map(LedgerMapping::dto), 201));
    }

    @POST
    @Path("{reservationId}/capture")
    @Operation(operationId = "captureReservation", summary = "Charge up to the reserved amount and release the rest",
            description = "By the caller that made the hold, or an operator. Charged from valid credits of the held "
                    + "accounts: if a cycle close expired what the hold kept and nothing valid replaces it, 402 and "
                    + "nothing changes.")
    @APIResponse(responseCode = "200", description = "Captured (or, with Idempotency-Replayed: true, the first capture "
            + "of this key again)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReservationResponse.class)))
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_KEYED_BODY + " (" + ApiDocs.BAD_KEYED_BODY_SLUGS + ")")
    @APIResponse(responseCode = "402", description = "Credits the hold kept have expired and the held accounts lack "
            + "valid ones; nothing changed (insufficient-credits)")
    @APIResponse(responseCode = "403", description = "Only the caller that made the hold (or an operator) captures it "
            + "(reservation-not-yours)")
    @APIResponse(responseCode = "404", description = "No such org, or no such reservation visible to the caller "
            + "(org-not-found, reservation-not-found)")
    @APIResponse(responseCode = "409", description = "The reservation is no longer active: captured, released or "
            + "expired; or a request with this Idempotency-Key is still in progress (reservation-not-active, "
            + "idempotency-key-in-use)")
    @APIResponse(responseCode = "422", description = "More than reserved, or the Idempotency-Key was used with another "
            + "request (capture-exceeds-reservation, idempotency-key-reused)")
    public Uni<Response> capture(
            @Parameter(description = ApiDocs.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = "The reservation's id (a UUID; anything else is 404 reservation-not-found)",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("reservationId") String reservationId,
            @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER, required = true,
                    description = ApiDocs.KEY, example = ApiDocs.KEY_EXAMPLE, schema = @Schema(type = SchemaType.STRING,
                            minLength = 1, maxLength = 200, pattern = ApiDocs.KEY_PATTERN))
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull CaptureRequest request) {
        return reservations.capture(Caller.of(token), key, OrgIds.org(orgId), OrgIds.reservation(reservationId),
                request.amount()).map(o -> Replies.of(o.map(LedgerMapping::dto), 200));
    }

    @POST
    @Path("{reservationId}/release")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "releaseReservation", summary = "Give the reserved credits back",
            description = "By the caller that made the hold, an admin of the org, or an operator. No body.")
    @APIResponse(responseCode = "200", description = "Released (or, with Idempotency-Replayed: true, the first release "
            + "of this key again)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReservationResponse.class)))
    @APIResponse(responseCode = "400", description = "A missing, repeated or invalid Idempotency-Key, or a NUL in the "
            + "path (idempotency-key-required, invalid-idempotency-key, malformed-request)")
    @APIResponse(responseCode = "403", description = "Others who may see the hold (its member, trusted backends) but "
            + "neither made it nor are an admin (reservation-not-yours)")
    @APIResponse(responseCode = "404", description = "No such org, or no such reservation visible to the caller "
            + "(org-not-found, reservation-not-found)")
    @APIResponse(responseCode = "409", description = "The reservation is no longer active: captured, released or "
            + "expired; or a request with this Idempotency-Key is still in progress (reservation-not-active, "
            + "idempotency-key-in-use)")
    @APIResponse(responseCode = "422", description = ApiDocs.KEY_REUSED)
    public Uni<Response> release(
            @Parameter(description = ApiDocs.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = "The reservation's id (a UUID; anything else is 404 reservation-not-found)",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("reservationId") String reservationId,
            @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER, required = true,
                    description = ApiDocs.KEY, example = ApiDocs.KEY_EXAMPLE, schema = @Schema(type = SchemaType.STRING,
                            minLength = 1, maxLength = 200, pattern = ApiDocs.KEY_PATTERN))
            @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return reservations.release(Caller.of(token), key, OrgIds.org(orgId), OrgIds.reservation(reservationId))
                .map(o -> Replies.of(o.map(LedgerMapping::dto), 200));
    }
}
