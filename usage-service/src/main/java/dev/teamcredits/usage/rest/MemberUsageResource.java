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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One member's usage: their daily series. */
@Path("/v1/orgs/{orgId}/members/{userId}/usage")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = UsageParams.USAGE)
public class MemberUsageResource {

    private final UsageQueries queries;
    private final JsonWebToken token;

    public MemberUsageResource(UsageQueries queries, JsonWebToken token) {
        this.queries = queries;
        this.token = token;
    }

    @GET
    @Path("daily")
    @Operation(operationId = "getMemberDailyUsage", summary = "A member's credits per day over a date range (admins, "
            + "or the member)", description = "One entry per UTC day from from to to, days without usage included as "
                    + "zeros.")
    @APIResponse(responseCode = "200", description = "One entry per day, oldest first")
    @APIResponse(responseCode = "400", description = UsageParams.DAILY_400)
    @APIResponse(responseCode = "403", description = "A member asking for another member's series (admin-required)")
    @APIResponse(responseCode = "404", description = UsageParams.ORG_NOT_FOUND)
    public Uni<List<Day>> memberDaily(
            @Parameter(description = UsageParams.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = "The member's user id") @PathParam("userId") String userId,
            @Parameter(description = UsageParams.FROM, required = true,
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(description = UsageParams.TO, required = true,
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to) {
        return queries.daily(Caller.of(token), UsageParams.org(orgId), userId, UsageParams.date(from),
                UsageParams.date(to)).map(UsageMapping::days);
    }
}
