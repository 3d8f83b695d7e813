package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.BalancesResponse;
import dev.teamcredits.ledger.rest.mapping.LedgerMapping;
import dev.teamcredits.ledger.service.BalanceQueries;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The team page's balances. */
@Path("/v1/orgs/{orgId}/balances")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.ORG_CREDITS)
public class BalancesResource {

    private final BalanceQueries balances;
    private final JsonWebToken token;

    public BalancesResource(BalanceQueries balances, JsonWebToken token) {
        this.balances = balances;
        this.token = token;
    }

    @GET
    @Operation(operationId = "getBalances", summary = "The pool's and members' balances, with their credits by kind "
            + "and expiry", description = "The pool (balance, reserved, available, total this cycle) and members "
                    + "(pool access, cap, pool credits drawn this cycle and held); a member sees the pool and only "
                    + "their own balance.")
    @APIResponse(responseCode = "200", description = "Balances")
    @APIResponse(responseCode = "400", description = "former is neither true nor false, or a NUL in the path or query "
            + "(invalid-filter, malformed-request)")
    @APIResponse(responseCode = "404", description = ApiDocs.ORG_NOT_FOUND)
    public Uni<BalancesResponse> balances(
            @Parameter(description = ApiDocs.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = "Admins: also list former members (their balances are empty once swept); "
                    + "ignored for members", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            @QueryParam("former") @DefaultValue("false") String former) {
        return balances.balances(Caller.of(token), OrgIds.org(orgId), QueryParams.bool("former", former))
                .map(LedgerMapping::dto);
    }
}
