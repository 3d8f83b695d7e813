package dev.teamcredits.team.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.team.rest.dto.MemberResponse;
import dev.teamcredits.team.rest.mapping.TeamMapping;
import dev.teamcredits.team.service.InvitationService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An invitation as its invitee sees it: accepting it with their own token. */
@Path("/v1/invitations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = TeamOpenApi.INVITATIONS)
public class InvitationAcceptanceResource {

    private final InvitationService invitations;
    private final JsonWebToken token;

    public InvitationAcceptanceResource(InvitationService invitations, JsonWebToken token) {
        this.invitations = invitations;
        this.token = token;
    }

    @POST
    @Path("{invitationId}/accept")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "acceptInvitation", summary = "Accept an invitation with the invitee's own token",
            description = "Only a user token carrying the invited email accepts; the invitee joins with the invited "
                    + "role and pool access. No request body.")
    @APIResponse(responseCode = "201", description = "Joined; the new membership as the new member sees it",
            headers = @Header(name = "Location", description = "The caller's orgs (`/v1/me/orgs`)",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MemberResponse.class)))
    @APIResponse(responseCode = "400", description = TeamOpenApi.BAD_REQUEST)
    @APIResponse(responseCode = "403", description = "The token's email is not the invited one, or it is a service "
            + "token without an email (invitation-email-mismatch, user-token-required)")
    @APIResponse(responseCode = "404", description = "No such invitation (invitation-not-found)")
    @APIResponse(responseCode = "409", description = "The caller is already a member, the invitation was accepted "
            + "or revoked (the problem names `invitationStatus`), or the org is full (already-member, "
            + "invitation-not-pending, member-limit-reached)")
    @APIResponse(responseCode = "410", description = "The invitation has expired (invitation-expired)")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with another request "
            + "(idempotency-key-reused)")
    public Uni<Response> accept(
            @Parameter(description = TeamOpenApi.INVITATION_ID,
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("invitationId") String invitationId,
            @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER,
                    description = TeamOpenApi.IDEMPOTENCY_KEY,
                    schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200,
                            pattern = TeamOpenApi.IDEMPOTENCY_KEY_PATTERN, examples = "accept-1"))
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return invitations.accept(Caller.of(token), idempotencyKey, TeamPathIds.invitation(invitationId))
                .map(outcome -> Replies.of(outcome.map(TeamMapping::dto), 201, URI.create("/v1/me/orgs")));
    }
}
