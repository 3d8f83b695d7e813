package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.rest.PathIds;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.BalancesResponse;
import dev.teamcredits.ledger.rest.dto.CaptureRequest;
import dev.teamcredits.ledger.rest.dto.ReserveRequest;
import dev.teamcredits.ledger.rest.dto.ReversalRequest;
import dev.teamcredits.ledger.rest.dto.SpendRequest;
import dev.teamcredits.ledger.rest.dto.TopUpRequest;
import dev.teamcredits.ledger.rest.dto.TransferRequest;
import dev.teamcredits.ledger.rest.dto.TransferResponse;
import dev.teamcredits.ledger.service.CycleService;
import dev.teamcredits.ledger.service.GrantService;
import dev.teamcredits.ledger.service.LedgerProblems;
import dev.teamcredits.ledger.service.ReadService;
import dev.teamcredits.ledger.service.ReservationService;
import dev.teamcredits.ledger.service.SpendBatcher;
import dev.teamcredits.ledger.service.SpendService;
import dev.teamcredits.ledger.service.TransferService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An org's credits: balances, top-ups, transfers, spends, reservations, cycle close. */
@Path("/v1/orgs/{orgId}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Org credits")
@APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
public class MoneyResource {

    private static final String KEY_DOC = "Required on money POSTs: a retry with the same key returns the first result";

    private final ReadService reads;
    private final GrantService grants;
    private final TransferService transfers;
    private final SpendService spends;
    private final SpendBatcher batcher;
    private final ReservationService reservations;
    private final CycleService cycles;
    private final JsonWebToken token;

    public MoneyResource(ReadService reads, GrantService grants, TransferService transfers, SpendService spends,
            SpendBatcher batcher, ReservationService reservations, CycleService cycles, JsonWebToken token) {
        this.reads = reads;
        this.grants = grants;
        this.transfers = transfers;
        this.spends = spends;
        this.batcher = batcher;
        this.reservations = reservations;
        this.cycles = cycles;
        this.token = token;
    }

    @GET
    @Path("balances")
    @Operation(summary = "Pool and member balances with their credits by kind and expiry; a member sees the pool "
            + "and only their own balance")
    @APIResponse(responseCode = "200", description = "Balances")
    public Uni<BalancesResponse> balances(@PathParam("orgId") String orgId,
            @Parameter(description = "Admins: also list former members (their balances are empty once swept)")
            @QueryParam("former") boolean former) {
        return reads.balances(caller(), org(orgId), former);
    }

    @POST
    @Path("top-ups")
    @Operation(summary = "Add top-up credits (never expire) to the pool (admin)")
    @APIResponse(responseCode = "201", description = "Granted")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another request")
    public Uni<Response> topUp(@PathParam("orgId") String orgId,
            @Parameter(description = KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull TopUpRequest request) {
        return grants.topUpPool(caller(), key, org(orgId), request.amount()).map(o -> Replies.of(o, 201));
    }

    @POST
    @Path("transfers")
    @Operation(summary = "Move credits between the pool and member balances (admin); returns both balances after")
    @APIResponse(responseCode = "201", description = "Transferred")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "409", description = "The source has fewer available credits (insufficient-available-credits)")
    @APIResponse(responseCode = "422", description = "Same source and destination, or Idempotency-Key reused")
    public Uni<Response> transfer(@PathParam("orgId") String orgId,
            @Parameter(description = KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull TransferRequest request) {
        return transfers.transfer(caller(), key, org(orgId), request).map(o -> Replies.of(o, 201));
    }

    @POST
    @Path("transfers/preview")
    @Operation(summary = "Dry run of a transfer: both balances after, nothing changes (admin)")
    @APIResponse(responseCode = "200", description = "What the transfer would do")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "409", description = "The source has fewer available credits (insufficient-available-credits)")
    @APIResponse(responseCode = "422", description = "Same source and destination")
    public Uni<TransferResponse> preview(@PathParam("orgId") String orgId, @Valid @NotNull TransferRequest request) {
        return transfers.preview(caller(), org(orgId), request);
    }

    @POST
    @Path("transfers/{transactionId}/reversal")
    @Operation(summary = "Claw back (part of) a transfer: a new transfer the other way, linked to it (admin)")
    @APIResponse(responseCode = "201", description = "Reversed")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "409", description = "More than is left to reverse (reversal-exceeds-transfer), the "
            + "recipient has fewer available credits, a system transfer or a reversal (transfer-not-reversible), or "
            + "an account of someone who left (member-inactive)")
    public Uni<Response> reverse(@PathParam("orgId") String orgId, @PathParam("transactionId") String transactionId,
            @Parameter(description = KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull ReversalRequest request) {
        return transfers.reverse(caller(), key, org(orgId), PathIds.parse(transactionId, LedgerProblems::transferNotFound),
                request).map(o -> Replies.of(o, 201));
    }

    @POST
    @Path("spends")
    @Operation(summary = "Charge an action for a member: pool (with access, within the cap), then member balance, then personal")
    @APIResponse(responseCode = "200", description = "Charged; the sources and balances after")
    @APIResponse(responseCode = "402", description = "Not enough available credits anywhere; nothing charged (insufficient-credits, with shortfall)")
    @APIResponse(responseCode = "403", description = "Spending for another member without being a trusted backend")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another request")
    public Uni<Response> spend(@PathParam("orgId") String orgId,
            @Parameter(description = KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull SpendRequest request) {
        return batcher.submit(spends.command(caller(), key, org(orgId), request)).map(o -> Replies.of(o, 200));
    }

    @POST
    @Path("reservations")
    @Operation(summary = "Hold credits for a member until captured or released (TTL)")
    @APIResponse(responseCode = "201", description = "Reserved")
    @APIResponse(responseCode = "400", description = "A zero-priced action needs no hold (nothing-to-reserve), or a bad TTL")
    @APIResponse(responseCode = "402", description = "Not enough available credits (insufficient-credits)")
    @APIResponse(responseCode = "403", description = "Reserving for another member without being a trusted backend")
    public Uni<Response> reserve(@PathParam("orgId") String orgId,
            @Parameter(description = KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull ReserveRequest request) {
        return reservations.reserve(caller(), key, org(orgId), request).map(o -> Replies.of(o, 201));
    }

    @POST
    @Path("reservations/{reservationId}/capture")
    @Operation(summary = "Charge up to the reserved amount and release the rest (the caller that made the hold, or an "
            + "operator)")
    @APIResponse(responseCode = "200", description = "Captured")
    @APIResponse(responseCode = "402", description = "Credits the hold kept have expired and the held accounts lack valid "
            + "ones; nothing changed (insufficient-credits)")
    @APIResponse(responseCode = "403", description = "Only the caller that made the hold captures it (reservation-not-yours)")
    @APIResponse(responseCode = "409", description = "The reservation is no longer active (reservation-not-active)")
    @APIResponse(responseCode = "422", description = "More than reserved (capture-exceeds-reservation)")
    public Uni<Response> capture(@PathParam("orgId") String orgId, @PathParam("reservationId") String reservationId,
            @Parameter(description = KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Valid @NotNull CaptureRequest request) {
        return reservations.capture(caller(), key, org(orgId), reservation(reservationId), request.amount())
                .map(o -> Replies.of(o, 200));
    }

    @POST
    @Path("reservations/{reservationId}/release")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Give the reserved credits back (the caller that made the hold, an admin of the org, or an "
            + "operator)")
    @APIResponse(responseCode = "200", description = "Released")
    @APIResponse(responseCode = "403", description = "Not the caller that made the hold, nor an admin (reservation-not-yours)")
    @APIResponse(responseCode = "409", description = "The reservation is no longer active (reservation-not-active)")
    public Uni<Response> release(@PathParam("orgId") String orgId, @PathParam("reservationId") String reservationId,
            @Parameter(description = KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key) {
        return reservations.release(caller(), key, org(orgId), reservation(reservationId)).map(o -> Replies.of(o, 200));
    }

    @POST
    @Path("cycles/close")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Close the org's current billing cycle now (operator clients only)")
    @APIResponse(responseCode = "200", description = "Closed; the new cycle")
    @APIResponse(responseCode = "403", description = "Not an operator client (operator-required)")
    @APIResponse(responseCode = "409", description = "The named cycle is no longer current (cycle-already-closed)")
    public Uni<Response> closeCycle(@PathParam("orgId") String orgId,
            @Parameter(description = KEY_DOC) @HeaderParam(IdempotencyKeys.HEADER) String key,
            @Parameter(description = "Only close if this (yyyy-mm-dd) is still the current cycle's start") @QueryParam("cycleStart") String cycleStart) {
        return cycles.closeNow(caller(), key, org(orgId), Paths.date(cycleStart)).map(o -> Replies.of(o, 200));
    }

    private Caller caller() {
        return Caller.of(token);
    }

    private static UUID org(String orgId) {
        return PathIds.parse(orgId, LedgerProblems::orgNotFound);
    }

    private static UUID reservation(String id) {
        return PathIds.parse(id, LedgerProblems::reservationNotFound);
    }
}
