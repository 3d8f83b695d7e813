package dev.teamcredits.team.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.team.rest.dto.InvitationResponse;
import dev.teamcredits.team.rest.dto.InviteRequest;
import dev.teamcredits.team.rest.mapping.TeamMapping;
import dev.teamcredits.team.service.InvitationService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An org's invitations, as its admins manage them: invite, list, revoke. */
@Path("/v1/orgs/{orgId}/invitations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Invitations")
public class OrgInvitationResource {

    private final InvitationService invitations;
    private final JsonWebToken token;

    public OrgInvitationResource(InvitationService invitations, JsonWebToken token) {
        this.invitations = invitations;
        this.token = token;
    }

    @POST
    @Operation(summary = "Invite an email with a role (admin)")
    @APIResponse(responseCode = "201", description = "Invited")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
    @APIResponse(responseCode = "409", description = "Members plus pending invitations would exceed the plan's limit "
            + "(member-limit-reached), the email is a member (already-member) or already invited (invitation-exists)")
    @APIResponse(responseCode = "422", description = "Same-domain rule: the email is outside the admin's domain "
            + "(invitee-domain-mismatch), or the Idempotency-Key was used with another request")
    public Uni<Response> invite(@PathParam("orgId") String orgId,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull InviteRequest request) {
        return invitations.invite(Caller.of(token), idempotencyKey, TeamPathIds.org(orgId),
                TeamMapping.command(request))
                .map(outcome -> Replies.of(outcome.map(TeamMapping::dto), 201,
                        URI.create("/v1/orgs/" + orgId + "/invitations/" + outcome.value().id())));
    }

    @GET
    @Operation(summary = "List the org's invitations with their status (admin)")
    @APIResponse(responseCode = "200", description = "The invitations, newest first")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
    public Uni<List<InvitationResponse>> list(@PathParam("orgId") String orgId) {
        return invitations.list(Caller.of(token), TeamPathIds.org(orgId))
                .map(all -> all.stream().map(TeamMapping::dto).toList());
    }

    @DELETE
    @Path("{invitationId}")
    @Operation(summary = "Revoke a pending invitation (admin)")
    @APIResponse(responseCode = "200", description = "The revoked invitation")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org or invitation (org-not-found, invitation-not-found)")
    @APIResponse(responseCode = "409", description = "The invitation is no longer pending (invitation-not-pending)")
    @APIResponse(responseCode = "410", description = "The invitation has expired (invitation-expired)")
    public Uni<InvitationResponse> revoke(@PathParam("orgId") String orgId,
            @PathParam("invitationId") String invitationId) {
        return invitations.revoke(Caller.of(token), TeamPathIds.org(orgId), TeamPathIds.invitation(invitationId))
                .map(TeamMapping::dto);
    }
}
