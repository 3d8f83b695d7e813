package dev.teamcredits.team.rest;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.team.rest.dto.InvitationResponse;
import dev.teamcredits.team.rest.dto.MyOrgResponse;
import dev.teamcredits.team.service.InvitationService;
import dev.teamcredits.team.service.OrgService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Me")
public class MeResource {

    private final OrgService orgs;
    private final InvitationService invitations;
    private final JsonWebToken token;

    public MeResource(OrgService orgs, InvitationService invitations, JsonWebToken token) {
        this.orgs = orgs;
        this.invitations = invitations;
        this.token = token;
    }

    @GET
    @Path("orgs")
    @Operation(summary = "The orgs the caller belongs to, with their role (account switcher)")
    @APIResponse(responseCode = "200", description = "The caller's orgs")
    public Uni<List<MyOrgResponse>> myOrgs() {
        return orgs.myOrgs(Caller.of(token));
    }

    @GET
    @Path("invitations")
    @Operation(summary = "Open invitations addressed to the caller's email")
    @APIResponse(responseCode = "200", description = "The invitations")
    public Uni<List<InvitationResponse>> myInvitations() {
        return invitations.mine(Caller.of(token));
    }
}
