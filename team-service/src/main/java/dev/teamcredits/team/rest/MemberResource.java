package dev.teamcredits.team.rest;

import dev.teamcredits.common.security.Caller;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An org's members: their roles, pool access and pool caps. */
@Path("/v1/orgs/{orgId}/members")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Members")
@APIResponse(responseCode = "404", description = "No such org or member, or the caller is not a member "
        + "(org-not-found, member-not-found)")
public class MemberResource {

    private final MembershipService memberships;
    private final JsonWebToken token;

    public MemberResource(MembershipService memberships, JsonWebToken token) {
        this.memberships = memberships;
        this.token = token;
    }

    @GET
    @Operation(summary = "List members with role and join date; pool settings for admins, and for each member "
            + "their own")
    @APIResponse(responseCode = "200", description = "The members")
    public Uni<List<MemberResponse>> list(@PathParam("orgId") String orgId) {
        return memberships.list(Caller.of(token), TeamPathIds.org(orgId))
                .map(all -> all.stream().map(TeamMapping::dto).toList());
    }

    @DELETE
    @Path("{userId}")
    @Operation(summary = "Remove a member (admin); their member balance goes back to the pool")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "409", description = "The last admin cannot be removed (last-admin)")
    public Uni<Void> remove(@PathParam("orgId") String orgId, @PathParam("userId") String userId) {
        return memberships.remove(Caller.of(token), TeamPathIds.org(orgId), userId);
    }

    @PUT
    @Path("{userId}/role")
    @Operation(summary = "Change a member's role (admin)")
    @APIResponse(responseCode = "200", description = "The member")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "409", description = "The last admin cannot be demoted (last-admin)")
    public Uni<MemberResponse> changeRole(@PathParam("orgId") String orgId, @PathParam("userId") String userId,
            @Valid @NotNull RoleRequest request) {
        return memberships.changeRole(Caller.of(token), TeamPathIds.org(orgId), userId, request.role())
                .map(TeamMapping::dto);
    }

    @PUT
    @Path("{userId}/pool-access")
    @Operation(summary = "Turn a member's pool access on or off (admin)")
    @APIResponse(responseCode = "200", description = "The member")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    public Uni<MemberResponse> setPoolAccess(@PathParam("orgId") String orgId, @PathParam("userId") String userId,
            @Valid @NotNull PoolAccessRequest request) {
        return memberships.setPoolAccess(Caller.of(token), TeamPathIds.org(orgId), userId, request.enabled())
                .map(TeamMapping::dto);
    }

    @PUT
    @Path("{userId}/pool-cap")
    @Operation(summary = "Set how many pool credits a member may draw per cycle (admin)")
    @APIResponse(responseCode = "200", description = "The member")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    public Uni<MemberResponse> setPoolCap(@PathParam("orgId") String orgId, @PathParam("userId") String userId,
            @Valid @NotNull PoolCapRequest request) {
        return memberships.setPoolCap(Caller.of(token), TeamPathIds.org(orgId), userId, request.cap())
                .map(TeamMapping::dto);
    }

    @DELETE
    @Path("{userId}/pool-cap")
    @Operation(summary = "Remove a member's pool cap (admin)")
    @APIResponse(responseCode = "200", description = "The member")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    public Uni<MemberResponse> removePoolCap(@PathParam("orgId") String orgId, @PathParam("userId") String userId) {
        return memberships.setPoolCap(Caller.of(token), TeamPathIds.org(orgId), userId, null)
                .map(TeamMapping::dto);
    }
}
