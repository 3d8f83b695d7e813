package dev.teamcredits.usage.rest;

import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.usage.rest.dto.CycleSummaryPage;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The org's usage: the team table of a cycle with the pool card, the cycle history, the org's daily series. */
@Path("/v1/orgs/{orgId}/usage")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = UsageParams.USAGE)
public class OrgUsageResource {

    private final UsageQueries queries;
    private final JsonWebToken token;

    public OrgUsageResource(UsageQueries queries, JsonWebToken token) {
        this.queries = queries;
        this.token = token;
    }

    @GET
    @Operation(operationId = "getOrgUsage", summary = "The team usage table of a cycle, with the pool card",
            description = "Per member: credits used from the pool (Credits Used), the member balance and personal "
                    + "credits, spends and credits by action; and the pool card (available now, for the current "
                    + "cycle; total credits that entered the pool in the cycle). A member sees the card and only "
                    + "their own row.")
    @APIResponse(responseCode = "200", description = "The cycle's usage")
    @APIResponse(responseCode = "400", description = "cycle is neither `current` nor a yyyy-mm-dd date, or a NUL in "
            + "the path or query (invalid-cycle, malformed-request)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not an active member; or the org "
            + "has no cycle starting on that date (org-not-found, cycle-not-found)")
    public Uni<CycleUsage> usage(
            @Parameter(description = UsageParams.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = "`current`, or the start date (yyyy-mm-dd) of one of the org's cycles",
                    schema = @Schema(type = SchemaType.STRING, defaultValue = "current"))
            @QueryParam("cycle") @DefaultValue("current") String cycle) {
        return queries.cycle(Caller.of(token), UsageParams.org(orgId), cycle).map(UsageMapping::cycleUsage);
    }

    @GET
    @Path("cycles")
    @Operation(operationId = "listCycles", summary = "The org's billing cycles, newest first, with their totals, "
            + "cursor-paged", description = "Every cycle the usage service knows of, closed ones included (they stay "
                    + "readable); a member sees their own totals.")
    @APIResponse(responseCode = "200", description = "A page of cycles")
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor (a cursor of another org's list "
            + "included), or a NUL in the path or query (invalid-limit, invalid-cursor, malformed-request)")
    @APIResponse(responseCode = "404", description = UsageParams.ORG_NOT_FOUND)
    public Uni<CycleSummaryPage> cycles(
            @Parameter(description = UsageParams.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = "The nextCursor of the page before; absent for the first (newest) page. A cursor "
                    + "this list did not return is 400 invalid-cursor") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 1000 (anything else is 400 invalid-limit)",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "1000",
                            defaultValue = "50"))
            @QueryParam("limit") @DefaultValue("50") String limit) {
        int size = Cursors.limit(limit, 1000);
        return queries.cycles(Caller.of(token), UsageParams.org(orgId), cursor, size).map(UsageMapping::cyclePage);
    }

    @GET
    @Path("daily")
    @Operation(operationId = "getOrgDailyUsage", summary = "The whole org's credits per day over a date range (admin)",
            description = "One entry per UTC day from from to to, days without usage included as zeros.")
    @APIResponse(responseCode = "200", description = "One entry per day, oldest first")
    @APIResponse(responseCode = "400", description = UsageParams.DAILY_400)
    @APIResponse(responseCode = "403", description = "The caller is not an admin of the org (admin-required)")
    @APIResponse(responseCode = "404", description = UsageParams.ORG_NOT_FOUND)
    public Uni<List<Day>> orgDaily(
            @Parameter(description = UsageParams.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = UsageParams.FROM, required = true,
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(description = UsageParams.TO, required = true,
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to) {
        return queries.daily(Caller.of(token), UsageParams.org(orgId), null, UsageParams.date(from),
                UsageParams.date(to)).map(UsageMapping::days);
    }
}
