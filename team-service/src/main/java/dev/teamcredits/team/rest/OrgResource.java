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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An organization: creation, reading, its plan and its settings. */
@Path("/v1/orgs")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = TeamOpenApi.ORGANIZATIONS)
public class OrgResource {

    private final OrgService orgs;
    private final JsonWebToken token;

    public OrgResource(OrgService orgs, JsonWebToken token) {
        this.orgs = orgs;
        this.token = token;
    }

    @POST
    @Operation(operationId = "createOrg", summary = "Create an organization on a team plan",
            description = "The caller (a user's token with an email) becomes its first ADMIN, with pool access.")
    @APIResponse(responseCode = "201", description = "Created; the organization as its admin sees it",
            headers = @Header(name = "Location", description = "The new org's path",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrgResponse.class)))
    @APIResponse(responseCode = "400", description = TeamOpenApi.BAD_BODY)
    @APIResponse(responseCode = "403", description = "A service token cannot create orgs: it has no email "
            + "(user-token-required)")
    @APIResponse(responseCode = "422", description = "BASIC has no team accounts, or the Idempotency-Key was used "
            + "with another request (team-plan-required, idempotency-key-reused)")
    public Uni<Response> create(
            @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER,
                    description = TeamOpenApi.IDEMPOTENCY_KEY,
                    schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200,
                            pattern = TeamOpenApi.IDEMPOTENCY_KEY_PATTERN, examples = "create-acme-1"))
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CreateOrgRequest.class),
                    examples = @ExampleObject(name = "pro", summary = "An org on the PRO plan",
                            value = "{\"name\": \"Acme Research\", \"plan\": \"PRO\"}")))
            @Valid @NotNull CreateOrgRequest request) {
        return orgs.create(Caller.of(token), idempotencyKey, TeamMapping.command(request))
                .map(outcome -> Replies.of(outcome.map(TeamMapping::dto), 201,
                        URI.create("/v1/orgs/" + outcome.value().id())));
    }

    @GET
    @Path("{orgId}")
    @Operation(operationId = "getOrg", summary = "Read an organization",
            description = "Plan and terms, cycle anchor, the caller's role and the member count; settings only for "
                    + "admins.")
    @APIResponse(responseCode = "200", description = "The organization as the caller may see it")
    @APIResponse(responseCode = "400", description = TeamOpenApi.BAD_REQUEST)
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
    public Uni<OrgResponse> get(
            @Parameter(description = TeamOpenApi.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId) {
        return orgs.get(Caller.of(token), TeamPathIds.org(orgId)).map(TeamMapping::dto);
    }

    @PUT
    @Path("{orgId}/plan")
    @Operation(operationId = "changeOrgPlan", summary = "Change the org's plan (admin)",
            description = "The same plan changes nothing. A plan whose member limit is below the members plus open "
                    + "invitations is refused.")
    @APIResponse(responseCode = "200", description = "The organization on its new plan")
    @APIResponse(responseCode = "400", description = TeamOpenApi.BAD_BODY)
    @APIResponse(responseCode = "403", description = "The caller is a member, not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
    @APIResponse(responseCode = "409", description = "The new plan's member limit is below members plus open "
            + "invitations; the problem names `limit` and `wouldBe` (member-limit-reached)")
    @APIResponse(responseCode = "422", description = "BASIC has no team accounts (team-plan-required)")
    public Uni<OrgResponse> changePlan(
            @Parameter(description = TeamOpenApi.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChangePlanRequest.class),
                    examples = @ExampleObject(name = "proPlus", summary = "Move to PRO_PLUS",
                            value = "{\"plan\": \"PRO_PLUS\"}")))
            @Valid @NotNull ChangePlanRequest request) {
        return orgs.changePlan(Caller.of(token), TeamPathIds.org(orgId), request.plan()).map(TeamMapping::dto);
    }

    @PATCH
    @Path("{orgId}/settings")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(operationId = "updateOrgSettings", summary = "Change the org's settings (admin)",
            description = "Personal-credit fallback and the same-domain rule; settings left out keep their value, "
                    + "an unchanged value changes nothing.")
    @APIResponse(responseCode = "200", description = "The organization with its new settings")
    @APIResponse(responseCode = "400", description = "Malformed JSON, wrong types, unknown or duplicate fields, no "
            + "setting named, a NUL character in the path or query, or an invalid Idempotency-Key header "
            + "(malformed-request, validation-failed, invalid-idempotency-key)")
    @APIResponse(responseCode = "403", description = "The caller is a member, not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member (org-not-found)")
    public Uni<OrgResponse> updateSettings(
            @Parameter(description = TeamOpenApi.ORG_ID, schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SettingsRequest.class),
                            examples = @ExampleObject(name = "noFallback", summary = "Turn personal fallback off",
                                    value = "{\"personalFallback\": false}")),
                    @Content(mediaType = "application/merge-patch+json",
                            schema = @Schema(implementation = SettingsRequest.class),
                            examples = @ExampleObject(name = "anyDomain", summary = "Admit invitees of any domain",
                                    value = "{\"sameDomainOnly\": false}")) })
            @Valid @NotNull SettingsRequest request) {
        return orgs.updateSettings(Caller.of(token), TeamPathIds.org(orgId), TeamMapping.update(request))
                .map(TeamMapping::dto);
    }
}
