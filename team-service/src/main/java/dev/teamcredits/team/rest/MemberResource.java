package dev.teamcredits.team.rest;

import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.team.rest.dto.MemberPage;
import dev.teamcredits.team.rest.dto.MemberResponse;
import dev.teamcredits.team.rest.dto.PoolAccessRequest;
import dev.teamcredits.team.rest.dto.PoolCapRequest;
import dev.teamcredits.team.rest.dto.RoleRequest;
import dev.teamcredits.team.rest.mapping.TeamMapping;
import dev.teamcredits.team.service.MembershipService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An org's members: their roles, pool access and pool caps. */
@Path("/v1/orgs/{orgId}/members")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = TeamOpenApi.MEMBERS)
public class MemberResource {

    private final MembershipService memberships;
    private final JsonWebToken token;

    public MemberResource(MembershipService memberships, JsonWebToken token) {
        this.memberships = memberships;
        this.token = token;
    }

    @GET
    @Operation(operationId = "listMembers", summary = "List the org's members, a page at a time",
            description = "Role, email and join date of each, in the order they joined; pool settings for admins, "
                    + "and for each member their own.")
    @APIResponse(responseCode = "200", description = "A page of members; pass nextCursor as cursor for the next one")
    @APIResponse(responseCode = "400", description = TeamOpenApi.BAD_PAGE)
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
    public Uni<MemberPage> list(
            @Parameter(description = TeamOpenApi.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = TeamOpenApi.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = TeamOpenApi.LIMIT, schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                    minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("limit") @DefaultValue("50") String limit) {
        return memberships.list(Caller.of(token), TeamPathIds.org(orgId), cursor,
                Cursors.limit(limit, TeamOpenApi.MAX_LIMIT)).map(TeamMapping::members);
    }

    @DELETE
    @Path("{userId}")
    @Operation(operationId = "removeMember", summary = "Remove a member (admin)",
            description = "The ledger sweeps the member's balance back to the pool. An admin may remove themself "
                    + "unless they are the last admin.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", description = TeamOpenApi.BAD_REQUEST)
    @APIResponse(responseCode = "403", description = "The caller is a member, not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, the caller is not a member, or the user is not "
            + "a member of it (org-not-found, member-not-found)")
    @APIResponse(responseCode = "409", description = "The last admin cannot be removed (last-admin)")
    public Uni<Void> remove(
            @Parameter(description = TeamOpenApi.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = TeamOpenApi.USER_ID) @PathParam("userId") String userId) {
        return memberships.remove(Caller.of(token), TeamPathIds.org(orgId), userId);
    }

    @PUT
    @Path("{userId}/role")
    @Operation(operationId = "changeMemberRole", summary = "Change a member's role (admin)",
            description = "The same role changes nothing.")
    @APIResponse(responseCode = "200", description = "The member with their new role")
    @APIResponse(responseCode = "400", description = TeamOpenApi.BAD_BODY)
    @APIResponse(responseCode = "403", description = "The caller is a member, not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, the caller is not a member, or the user is not "
            + "a member of it (org-not-found, member-not-found)")
    @APIResponse(responseCode = "409", description = "The last admin cannot be demoted (last-admin)")
    public Uni<MemberResponse> changeRole(
            @Parameter(description = TeamOpenApi.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = TeamOpenApi.USER_ID) @PathParam("userId") String userId,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RoleRequest.class),
                    examples = @ExampleObject(name = "admin", summary = "Make the member an admin",
                            value = "{\"role\": \"ADMIN\"}")))
            @Valid @NotNull RoleRequest request) {
        return memberships.changeRole(Caller.of(token), TeamPathIds.org(orgId), userId, request.role())
                .map(TeamMapping::dto);
    }

    @PUT
    @Path("{userId}/pool-access")
    @Operation(operationId = "setPoolAccess", summary = "Turn a member's pool access on or off (admin)",
            description = "The same value changes nothing.")
    @APIResponse(responseCode = "200", description = "The member with their pool settings")
    @APIResponse(responseCode = "400", description = TeamOpenApi.BAD_BODY)
    @APIResponse(responseCode = "403", description = "The caller is a member, not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, the caller is not a member, or the user is not "
            + "a member of it (org-not-found, member-not-found)")
    public Uni<MemberResponse> setPoolAccess(
            @Parameter(description = TeamOpenApi.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = TeamOpenApi.USER_ID) @PathParam("userId") String userId,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PoolAccessRequest.class),
                    examples = @ExampleObject(name = "on", summary = "Let the member draw on the pool",
                            value = "{\"enabled\": true}")))
            @Valid @NotNull PoolAccessRequest request) {
        return memberships.setPoolAccess(Caller.of(token), TeamPathIds.org(orgId), userId, request.enabled())
                .map(TeamMapping::dto);
    }

    @PUT
    @Path("{userId}/pool-cap")
    @Operation(operationId = "setPoolCap", summary = "Set how many pool credits a member may draw per cycle (admin)",
            description = "The same cap changes nothing.")
    @APIResponse(responseCode = "200", description = "The member with their pool settings")
    @APIResponse(responseCode = "400", description = TeamOpenApi.BAD_BODY)
    @APIResponse(responseCode = "403", description = "The caller is a member, not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, the caller is not a member, or the user is not "
            + "a member of it (org-not-found, member-not-found)")
    public Uni<MemberResponse> setPoolCap(
            @Parameter(description = TeamOpenApi.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = TeamOpenApi.USER_ID) @PathParam("userId") String userId,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PoolCapRequest.class),
                    examples = @ExampleObject(name = "cap500", summary = "At most 500 pool credits per cycle",
                            value = "{\"cap\": 500}")))
            @Valid @NotNull PoolCapRequest request) {
        return memberships.setPoolCap(Caller.of(token), TeamPathIds.org(orgId), userId, request.cap())
                .map(TeamMapping::dto);
    }

    @DELETE
    @Path("{userId}/pool-cap")
    @Operation(operationId = "removePoolCap", summary = "Remove a member's pool cap (admin)",
            description = "No cap: the member may draw on the pool without a per-cycle limit. Without a cap this "
                    + "changes nothing.")
    @APIResponse(responseCode = "200", description = "The member with their pool settings")
    @APIResponse(responseCode = "400", description = TeamOpenApi.BAD_REQUEST)
    @APIResponse(responseCode = "403", description = "The caller is a member, not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, the caller is not a member, or the user is not "
            + "a member of it (org-not-found, member-not-found)")
    public Uni<MemberResponse> removePoolCap(
            @Parameter(description = TeamOpenApi.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = TeamOpenApi.USER_ID) @PathParam("userId") String userId) {
        return memberships.setPoolCap(Caller.of(token), TeamPathIds.org(orgId), userId, null)
                .map(TeamMapping::dto);
    }
}
