package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.rest.PathIds;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.AutoTopUpRequest;
import dev.teamcredits.ledger.rest.mapping.LedgerMapping;
import dev.teamcredits.ledger.service.AutoTopUpService;
import dev.teamcredits.ledger.service.LedgerProblems;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/orgs/{orgId}/accounts/{account}/auto-top-up")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.ORG_CREDITS)
public class AutoTopUpResource {

    private final AutoTopUpService autoTopUps;
    private final JsonWebToken token;

    public AutoTopUpResource(AutoTopUpService autoTopUps, JsonWebToken token) {
        this.autoTopUps = autoTopUps;
        this.token = token;
    }

    @PUT
    @Operation(operationId = "setAutoTopUp", summary = "Ask for credits automatically when an account runs low (admin)",
            description = "When the account's (the pool's or a member balance's) available credits drop below "
                    + "threshold, a top-up request for amount goes to the billing backend, at most perCycleLimit per "
                    + "billing cycle; no credits move until it is completed. Replaces the account's setting.")
    @APIResponse(responseCode = "200", description = "The auto top-up as set")
    @APIResponse(responseCode = "400", description = ApiDocs.BAD_BODY)
    @APIResponse(responseCode = "403", description = ApiDocs.ADMIN_REQUIRED)
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member; or the account names "
            + "no active member (org-not-found, member-not-found)")
    public Uni<AutoTopUpRequest> put(
            @Parameter(description = ApiDocs.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = ApiDocs.ACCOUNT) @PathParam("account") String account,
            @Valid @NotNull AutoTopUpRequest request) {
        return autoTopUps.put(Caller.of(token), PathIds.parse(orgId, LedgerProblems::orgNotFound), account,
                LedgerMapping.setting(request)).map(LedgerMapping::dto);
    }

    @DELETE
    @Operation(operationId = "deleteAutoTopUp", summary = "Turn an account's auto top-up off (admin)")
    @APIResponse(responseCode = "204", description = "Off (also when it was not on)")
    @APIResponse(responseCode = "403", description = ApiDocs.ADMIN_REQUIRED)
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member; or the account names "
            + "no active member (org-not-found, member-not-found)")
    public Uni<Void> delete(
            @Parameter(description = ApiDocs.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = ApiDocs.ACCOUNT) @PathParam("account") String account) {
        return autoTopUps.delete(Caller.of(token), PathIds.parse(orgId, LedgerProblems::orgNotFound), account);
    }
}
