package dev.teamcredits.team.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An invitation as its invitee sees it: accepting it with their own token. */
@Path("/v1/invitations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Invitations")
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
    @Operation(summary = "Accept an invitation with the invitee's own token")
    @APIResponse(responseCode = "201", description = "Joined; the new membership")
    @APIResponse(responseCode = "403", description = "The token's email is not the invited one "
            + "(invitation-email-mismatch), or it is a service token")
    @APIResponse(responseCode = "404", description = "No such invitation (invitation-not-found)")
    @APIResponse(responseCode = "409", description = "Already a member, the invitation is not pending, or the org is "
            + "full")
    @APIResponse(responseCode = "410", description = "The invitation has expired (invitation-expired)")
    public Uni<Response> accept(@PathParam("invitationId") String invitationId,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        return invitations.accept(Caller.of(token), idempotencyKey, TeamPathIds.invitation(invitationId))
                .map(outcome -> Replies.of(outcome.map(TeamMapping::dto), 201, URI.create("/v1/me/orgs")));
    }
}
