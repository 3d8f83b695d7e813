package dev.teamcredits.usage.rest;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.usage.rest.dto.CycleSummary;
import dev.teamcredits.usage.rest.dto.CycleUsage;
import dev.teamcredits.usage.rest.dto.Day;
import dev.teamcredits.usage.rest.mapping.UsageMapping;
import dev.teamcredits.usage.service.UsageQueries;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
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

/** The org's usage: the team table of a cycle with the pool card, the cycle history, the org's daily series. */
@Path("/v1/orgs/{orgId}/usage")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage")
public class OrgUsageResource {

    private final UsageQueries queries;
    private final JsonWebToken token;

    public OrgUsageResource(UsageQueries queries, JsonWebToken token) {
        this.queries = queries;
        this.token = token;
    }

    @GET
    @Operation(summary = "The team usage table for a cycle (current by default) with the pool card")
    @APIResponse(responseCode = "200",
            description = "Per member: credits used from the pool, member balance and personal, by action")
    @APIResponse(responseCode = "400", description = "cycle is neither 'current' nor a date")
    @APIResponse(responseCode = "404", description = "No such org or cycle, or the caller is not a member")
    public Uni<CycleUsage> usage(@PathParam("orgId") String orgId,
            @QueryParam("cycle") @DefaultValue("current") String cycle) {
        return queries.cycle(Caller.of(token), UsageParams.org(orgId), cycle).map(UsageMapping::cycleUsage);
    }

    @GET
    @Path("cycles")
    @Operation(summary = "Every cycle of the org, newest first, with totals")
    @APIResponse(responseCode = "200", description = "Cycles")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member")
    public Uni<List<CycleSummary>> cycles(@PathParam("orgId") String orgId) {
        return queries.cycles(Caller.of(token), UsageParams.org(orgId)).map(UsageMapping::cycleSummaries);
    }

    @GET
    @Path("daily")
    @Operation(summary = "The org's daily credits over a date range (admin)")
    @APIResponse(responseCode = "200", description = "One entry per day")
    @APIResponse(responseCode = "400", description = "Invalid dates or range")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member")
    public Uni<List<Day>> orgDaily(@PathParam("orgId") String orgId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return queries.daily(Caller.of(token), UsageParams.org(orgId), null, UsageParams.date(from),
                UsageParams.date(to)).map(UsageMapping::days);
    }
}
