package dev.teamcredits.team.rest;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.team.rest.dto.MyOrgResponse;
import dev.teamcredits.team.rest.mapping.TeamMapping;
import dev.teamcredits.team.service.OrgService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The orgs the caller belongs to (an account switcher). */
@Path("/v1/me/orgs")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = TeamOpenApi.ME)
public class MyOrgsResource {

    private final OrgService orgs;
    private final JsonWebToken token;

    public MyOrgsResource(OrgService orgs, JsonWebToken token) {
        this.orgs = orgs;
        this.token = token;
    }

    @GET
    @Operation(operationId = "listMyOrgs", summary = "The orgs the caller belongs to, with their role (account switcher)",
            description = "Oldest membership first; a service token belongs to no org.")
    @APIResponse(responseCode = "200", description = "The caller's orgs")
    @APIResponse(responseCode = "400", description = TeamOpenApi.BAD_REQUEST)
    public Uni<List<MyOrgResponse>> myOrgs() {
        return orgs.myOrgs(Caller.of(token)).map(all -> all.stream().map(TeamMapping::dto).toList());
    }
}
