package dev.teamcredits.team.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.team.rest.dto.InvitationPage;
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
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An org's invitations, as its admins manage them: invite, list, revoke. */
@Path("/v1/orgs/{orgId}/invitations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = TeamOpenApi.INVITATIONS)
public class OrgInvitationResource {

    private final InvitationService invitations;
    private final JsonWebToken token;

    public OrgInvitationResource(InvitationService invitations, JsonWebToken token) {
        this.invitations = invitations;
        this.token = token;
    }

    @POST
    @Operation(operationId = "inviteMember", summary = "Invite an email to the org with a role (admin)",
            description = "The invitation holds a seat until accepted, revoked or expired (after 7 days by default).")
    @APIResponse(responseCode = "201", description = "Invited; the pending invitation",
            headers = @Header(name = "Location", description = "The invitation's path",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InvitationResponse.class)))
    @APIResponse(responseCode = "400", description = TeamOpenApi.BAD_BODY)
    @APIResponse(responseCode = "403", description = "The caller is a member, not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
    @APIResponse(responseCode = "409", description = "Members plus open invitations would exceed the plan's limit "
            + "(the problem names `limit` and `wouldBe`), the email is a member's, or it has a pending invitation "
            + "(member-limit-reached, already-member, invitation-exists)")
    @APIResponse(responseCode = "422", description = "The same-domain rule is on and the email is outside the "
            + "admin's domain (the problem names `domain`), or the Idempotency-Key was used with another request "
            + "(invitee-domain-mismatch, idempotency-key-reused)")
    public Uni<Response> invite(
            @Parameter(description = TeamOpenApi.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER,
                    description = TeamOpenApi.IDEMPOTENCY_KEY,
                    schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200,
                            pattern = TeamOpenApi.IDEMPOTENCY_KEY_PATTERN, examples = "invite-ben-1"))
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InviteRequest.class),
                    examples = @ExampleObject(name = "member", summary = "A member with pool access",
                            value = "{\"email\": \"ben@acme.example\", \"role\": \"MEMBER\", \"poolAccess\": true}")))
            @Valid @NotNull InviteRequest request) {
        return invitations.invite(Caller.of(token), idempotencyKey, TeamPathIds.org(orgId),
                TeamMapping.command(request))
                .map(outcome -> Replies.of(outcome.map(TeamMapping::dto), 201,
                        URI.create("/v1/orgs/" + orgId + "/invitations/" + outcome.value().id())));
    }

    @GET
    @Operation(operationId = "listOrgInvitations", summary = "List the org's invitations, a page at a time (admin)",
            description = "Every invitation made, newest first, with its status now: pending, accepted, revoked or "
                    + "expired.")
    @APIResponse(responseCode = "200", description = "A page of invitations, newest first; pass nextCursor as cursor "
            + "for the next one")
    @APIResponse(responseCode = "400", description = TeamOpenApi.BAD_PAGE)
    @APIResponse(responseCode = "403", description = "The caller is a member, not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
    public Uni<InvitationPage> list(
            @Parameter(description = TeamOpenApi.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = TeamOpenApi.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = TeamOpenApi.LIMIT, schema = @Schema(type = SchemaType.INTEGER, format = "int32",
                    minimum = "1", maximum = "200", defaultValue = "50"))
            @QueryParam("limit") @DefaultValue("50") String limit) {
        return invitations.list(Caller.of(token), TeamPathIds.org(orgId), cursor,
                Cursors.limit(limit, TeamOpenApi.MAX_LIMIT)).map(TeamMapping::invitations);
    }

    @DELETE
    @Path("{invitationId}")
    @Operation(operationId = "revokeInvitation", summary = "Revoke a pending invitation (admin)",
            description = "Frees the invitation's seat; the invitee can no longer accept it.")
    @APIResponse(responseCode = "200", description = "The revoked invitation")
    @APIResponse(responseCode = "400", description = TeamOpenApi.BAD_REQUEST)
    @APIResponse(responseCode = "403", description = "The caller is a member, not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, the caller is not a member, or no such invitation "
            + "in the org (org-not-found, invitation-not-found)")
    @APIResponse(responseCode = "409", description = "The invitation was already accepted or revoked; the problem "
            + "names `invitationStatus` (invitation-not-pending)")
    @APIResponse(responseCode = "410", description = "The invitation has expired (invitation-expired)")
    public Uni<InvitationResponse> revoke(
            @Parameter(description = TeamOpenApi.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = TeamOpenApi.INVITATION_ID,
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("invitationId") String invitationId) {
        return invitations.revoke(Caller.of(token), TeamPathIds.org(orgId), TeamPathIds.invitation(invitationId))
                .map(TeamMapping::dto);
    }
}
