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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The team page's balances. */
@Path("/v1/orgs/{orgId}/balances")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Org credits")
@APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
public class BalancesResource {

    private final BalanceQueries balances;
    private final JsonWebToken token;

    public BalancesResource(BalanceQueries balances, JsonWebToken token) {
        this.balances = balances;
        this.token = token;
    }

    @GET
    @Operation(summary = "Pool and member balances with their credits by kind and expiry; a member sees the pool "
            + "and only their own balance")
    @APIResponse(responseCode = "200", description = "Balances")
    public Uni<BalancesResponse> balances(@PathParam("orgId") String orgId,
            @Parameter(description = "Admins: also list former members (their balances are empty once swept)")
            @QueryParam("former") @DefaultValue("false") String former) {
        return balances.balances(Caller.of(token), OrgIds.org(orgId), QueryParams.bool("former", former))
                .map(LedgerMapping::dto);
    }
}
