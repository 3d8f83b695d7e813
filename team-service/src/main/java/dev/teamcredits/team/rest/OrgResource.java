package dev.teamcredits.team.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.team.rest.dto.ChangePlanRequest;
import dev.teamcredits.team.rest.dto.CreateOrgRequest;
import dev.teamcredits.team.rest.dto.OrgResponse;
import dev.teamcredits.team.rest.dto.SettingsRequest;
import dev.teamcredits.team.rest.mapping.TeamMapping;
import dev.teamcredits.team.service.OrgService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An organization: creation, reading, its plan and its settings. */
@Path("/v1/orgs")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Organizations")
public class OrgResource {

    private final OrgService orgs;
    private final JsonWebToken token;

    public OrgResource(OrgService orgs, JsonWebToken token) {
        this.orgs = orgs;
        this.token = token;
    }

    @POST
    @Operation(summary = "Create an organization on a team plan; the caller becomes its first admin")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "403", description = "A service token cannot create orgs "
            + "(problem type user-token-required)")
    @APIResponse(responseCode = "422", description = "BASIC has no team accounts (team-plan-required), or the "
            + "Idempotency-Key was used with another request")
    public Uni<Response> create(
            @Parameter(description = "Makes retries safe: the same key returns the first result")
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @Valid @NotNull CreateOrgRequest request) {
        return orgs.create(Caller.of(token), idempotencyKey, TeamMapping.command(request))
                .map(outcome -> Replies.of(outcome.map(TeamMapping::dto), 201,
                        URI.create("/v1/orgs/" + outcome.value().id())));
    }

    @GET
    @Path("{orgId}")
    @Operation(summary = "Read an organization (settings only for admins)")
    @APIResponse(responseCode = "200", description = "The organization")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
    public Uni<OrgResponse> get(@PathParam("orgId") String orgId) {
        return orgs.get(Caller.of(token), TeamPathIds.org(orgId)).map(TeamMapping::dto);
    }

    @PUT
    @Path("{orgId}/plan")
    @Operation(summary = "Change the plan (admin)")
    @APIResponse(responseCode = "200", description = "The organization on its new plan")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
    @APIResponse(responseCode = "409", description = "The new plan's member limit is below members plus pending "
            + "invitations (member-limit-reached)")
    @APIResponse(responseCode = "422", description = "BASIC has no team accounts (team-plan-required)")
    public Uni<OrgResponse> changePlan(@PathParam("orgId") String orgId, @Valid @NotNull ChangePlanRequest request) {
        return orgs.changePlan(Caller.of(token), TeamPathIds.org(orgId), request.plan()).map(TeamMapping::dto);
    }

    @PATCH
    @Path("{orgId}/settings")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(summary = "Change org settings: personal-credit fallback, same-domain rule (admin)")
    @APIResponse(responseCode = "200", description = "The organization with its new settings")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
    public Uni<OrgResponse> updateSettings(@PathParam("orgId") String orgId, @Valid @NotNull SettingsRequest request) {
        return orgs.updateSettings(Caller.of(token), TeamPathIds.org(orgId), TeamMapping.update(request))
                .map(TeamMapping::dto);
    }
}
