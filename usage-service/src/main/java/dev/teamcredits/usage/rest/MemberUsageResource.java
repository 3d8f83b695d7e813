package dev.teamcredits.usage.rest;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.usage.rest.dto.Day;
import dev.teamcredits.usage.rest.mapping.UsageMapping;
import dev.teamcredits.usage.service.UsageQueries;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One member's usage: their daily series. */
@Path("/v1/orgs/{orgId}/members/{userId}/usage")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage")
public class MemberUsageResource {

    private final UsageQueries queries;
    private final JsonWebToken token;

    public MemberUsageResource(UsageQueries queries, JsonWebToken token) {
        this.queries = queries;
        this.token = token;
    }

    @GET
    @Path("daily")
    @Operation(summary = "A member's daily credits over a date range (admins, or the member)")
    @APIResponse(responseCode = "200", description = "One entry per day")
    @APIResponse(responseCode = "400", description = "Invalid dates or range")
    @APIResponse(responseCode = "403", description = "Another member's series (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member")
    public Uni<List<Day>> memberDaily(@PathParam("orgId") String orgId, @PathParam("userId") String userId,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        return queries.daily(Caller.of(token), UsageParams.org(orgId), userId, UsageParams.date(from),
                UsageParams.date(to)).map(UsageMapping::days);
    }
}
