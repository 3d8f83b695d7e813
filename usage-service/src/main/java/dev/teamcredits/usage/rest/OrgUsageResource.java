package dev.teamcredits.usage.rest;

import dev.teamcredits.common.rest.OrgProblems;
import dev.teamcredits.common.rest.PathIds;
import dev.teamcredits.common.rest.ProblemException;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.usage.rest.dto.UsageViews.CycleSummary;
import dev.teamcredits.usage.rest.dto.UsageViews.CycleUsage;
import dev.teamcredits.usage.rest.dto.UsageViews.Day;
import dev.teamcredits.usage.service.RebuildService;
import dev.teamcredits.usage.service.UsageQueries;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage")
public class UsageResource {

    private final UsageQueries queries;
    private final RebuildService rebuild;
    private final JsonWebToken token;

    public UsageResource(UsageQueries queries, RebuildService rebuild, JsonWebToken token) {
        this.queries = queries;
        this.rebuild = rebuild;
        this.token = token;
    }

    @GET
    @Path("orgs/{orgId}/usage")
    @Operation(summary = "The team usage table for a cycle (current by default) with the pool card")
    @APIResponse(responseCode = "200", description = "Per member: credits used from the pool, member balance and personal, by action")
    @APIResponse(responseCode = "400", description = "cycle is neither 'current' nor a date")
    @APIResponse(responseCode = "404", description = "No such org or cycle, or the caller is not a member")
    public Uni<CycleUsage> usage(@PathParam("orgId") String orgId, @QueryParam("cycle") @DefaultValue("current") String cycle) {
        return queries.cycle(Caller.of(token), org(orgId), cycle);
    }

    @GET
    @Path("orgs/{orgId}/usage/cycles")
    @Operation(summary = "Every cycle of the org, newest first, with totals")
    @APIResponse(responseCode = "200", description = "Cycles")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member")
    public Uni<List<CycleSummary>> cycles(@PathParam("orgId") String orgId) {
        return queries.cycles(Caller.of(token), org(orgId));
    }

    @GET
    @Path("orgs/{orgId}/usage/daily")
    @Operation(summary = "The org's daily credits over a date range (admin)")
    @APIResponse(responseCode = "200", description = "One entry per day")
    @APIResponse(responseCode = "400", description = "Invalid dates or range")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member")
    public Uni<List<Day>> orgDaily(@PathParam("orgId") String orgId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return queries.daily(Caller.of(token), org(orgId), null, date(from), date(to));
    }

    @GET
    @Path("orgs/{orgId}/members/{userId}/usage/daily")
    @Operation(summary = "A member's daily credits over a date range (admins, or the member)")
    @APIResponse(responseCode = "200", description = "One entry per day")
    @APIResponse(responseCode = "400", description = "Invalid dates or range")
    @APIResponse(responseCode = "403", description = "Another member's series (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member")
    public Uni<List<Day>> memberDaily(@PathParam("orgId") String orgId, @PathParam("userId") String userId,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        return queries.daily(Caller.of(token), org(orgId), userId, date(from), date(to));
    }

    @POST
    @Path("admin/usage/rebuild")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Drop the projection and replay both topics from the beginning (operator clients)")
    @APIResponse(responseCode = "204", description = "Replay started")
    @APIResponse(responseCode = "403", description = "Not an operator client (operator-required)")
    public Uni<Void> rebuild() {
        return rebuild.rebuild(Caller.of(token));
    }

    private static java.util.UUID org(String orgId) {
        return PathIds.parse(orgId, OrgProblems::orgNotFound);
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (NullPointerException | DateTimeParseException e) {
            throw new ProblemException("invalid-date", "Invalid date", 400, "from and to are required yyyy-mm-dd dates.");
        }
    }
}
