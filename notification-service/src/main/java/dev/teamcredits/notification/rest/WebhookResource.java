package dev.teamcredits.notification.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.OrgProblems;
import dev.teamcredits.common.rest.PathIds;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.notification.rest.dto.WebhookRequest;
import dev.teamcredits.notification.rest.dto.WebhookView;
import dev.teamcredits.notification.rest.mapping.NotificationMapping;
import dev.teamcredits.notification.service.NotificationProblems;
import dev.teamcredits.notification.service.WebhookService;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Org webhooks (admins only): register, list and delete. Their deliveries: {@link WebhookDeliveryResource}. */
@Path("/v1/orgs/{orgId}/webhooks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class WebhookResource {

    private final WebhookService webhooks;
    private final JsonWebToken token;

    public WebhookResource(WebhookService webhooks, JsonWebToken token) {
        this.webhooks = webhooks;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a webhook: URL, event types and (optionally) the signing secret")
    @APIResponse(responseCode = "201", description = "Registered; the secret is shown in this response only")
    @APIResponse(responseCode = "400", description = "Invalid URL, event type or secret")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another request")
    public Uni<Response> register(@PathParam("orgId") String orgId,
            @Parameter(description = "Makes retries safe: the same key returns the first result")
            @HeaderParam(IdempotencyKeys.HEADER) String key, @Valid @NotNull WebhookRequest request) {
        Caller caller = Caller.of(token);
        UUID org = org(orgId);
        return webhooks.requireAdmin(caller, org)
                .chain(() -> webhooks.register(caller, key, org, NotificationMapping.command(request)))
                .map(o -> Replies.of(o.map(webhook -> NotificationMapping.dto(webhook, true)), 201));
    }

    @GET
    @Operation(summary = "The org's webhooks (without their secrets)")
    @APIResponse(responseCode = "200", description = "Webhooks")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member")
    public Uni<List<WebhookView>> list(@PathParam("orgId") String orgId) {
        UUID org = org(orgId);
        return webhooks.requireAdmin(Caller.of(token), org).chain(() -> webhooks.list(org))
                .map(list -> list.stream().map(w -> NotificationMapping.dto(w, false)).toList());
    }

    @DELETE
    @Path("{webhookId}")
    @Operation(summary = "Remove a webhook and its deliveries")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org or webhook")
    public Uni<Void> delete(@PathParam("orgId") String orgId, @PathParam("webhookId") String webhookId) {
        UUID org = org(orgId);
        return webhooks.requireAdmin(Caller.of(token), org)
                .chain(() -> webhooks.delete(org, webhook(webhookId)));
    }

    static UUID org(String orgId) {
        return PathIds.parse(orgId, OrgProblems::orgNotFound);
    }

    static UUID webhook(String webhookId) {
        return PathIds.parse(webhookId, NotificationProblems::webhookNotFound);
    }
}
