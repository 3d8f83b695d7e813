package dev.teamcredits.team.rest;

import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.team.rest.dto.MyOrgPage;
import dev.teamcredits.team.rest.mapping.TeamMapping;
import dev.teamcredits.team.service.OrgService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
    @Operation(operationId = "listMyOrgs",
            summary = "List the orgs the caller belongs to, with their role (account switcher)",
            description = "Oldest membership first. A service token belongs to no org: an empty list.")
    @APIResponse(responseCode = "200", description = "A page of the caller's orgs; pass nextCursor as cursor for the "
            + "next one")
    @APIResponse(responseCode = "400", description = TeamOpenApi.BAD_PAGE)
    public Uni<MyOrgPage> list(
            @Parameter(description = TeamOpenApi.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = TeamOpenApi.LIMIT, schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                    minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("limit") @DefaultValue("50") String limit) {
        return orgs.myOrgs(Caller.of(token), cursor, Cursors.limit(limit, TeamOpenApi.MAX_LIMIT))
                .map(TeamMapping::myOrgs);
    }
}
