package dev.teamcredits.notification.rest;

import dev.teamcredits.notification.service.NotificationProblems;
import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.common.rest.OrgProblems;
import dev.teamcredits.common.rest.PathIds;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.notification.repository.DeliveryRepository.WebhookDelivery;
import dev.teamcredits.notification.rest.dto.WebhookRequest;
import dev.teamcredits.notification.rest.dto.WebhookView;
import dev.teamcredits.notification.service.WebhookService;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Org webhooks (admins only): register, list, delete, and see or re-drive their deliveries. */
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
        return webhooks.requireAdmin(caller, org).chain(() -> webhooks.register(caller, key, org, request))
                .map(o -> Replies.of(o, 201));
    }

    @GET
    @Operation(summary = "The org's webhooks (without their secrets)")
    @APIResponse(responseCode = "200", description = "Webhooks")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member")
    public Uni<List<WebhookView>> list(@PathParam("orgId") String orgId) {
        UUID org = org(orgId);
        return webhooks.requireAdmin(Caller.of(token), org).chain(() -> webhooks.list(org));
    }

    @DELETE
    @Path("{webhookId}")
    @Operation(summary = "Remove a webhook and its deliveries")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org or webhook")
    public Uni<Void> delete(@PathParam("orgId") String orgId, @PathParam("webhookId") String webhookId) {
        UUID org = org(orgId);
        return webhooks.requireAdmin(Caller.of(token), org).chain(() -> webhooks.delete(org, webhook(webhookId)));
    }

    @GET
    @Path("{webhookId}/deliveries")
    @Operation(summary = "A webhook's deliveries, newest first; status=DEAD lists the dead letters")
    @APIResponse(responseCode = "200", description = "Deliveries")
    @APIResponse(responseCode = "400", description = "Invalid status or limit")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org or webhook")
    public Uni<List<WebhookDelivery>> deliveries(@PathParam("orgId") String orgId,
            @PathParam("webhookId") String webhookId, @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("50") String limit) {
        UUID org = org(orgId);
        int max = Cursors.limit(limit, 500);
        return webhooks.requireAdmin(Caller.of(token), org)
                .chain(() -> webhooks.deliveries(org, webhook(webhookId), status, max));
    }

    @POST
    @Path("{webhookId}/deliveries/{deliveryId}/redrive")
    @Operation(summary = "Send a dead-lettered delivery again (same delivery id and body)")
    @APIResponse(responseCode = "200", description = "Queued again")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, webhook or delivery")
    @APIResponse(responseCode = "409", description = "The delivery is not dead (delivery-not-dead)")
    public Uni<WebhookDelivery> redrive(@PathParam("orgId") String orgId, @PathParam("webhookId") String webhookId,
            @PathParam("deliveryId") String deliveryId) {
        UUID org = org(orgId);
        return webhooks.requireAdmin(Caller.of(token), org).chain(() -> webhooks.redrive(org, webhook(webhookId),
                PathIds.parse(deliveryId, NotificationProblems::deliveryNotFound)));
    }

    private static UUID org(String orgId) {
        return PathIds.parse(orgId, OrgProblems::orgNotFound);
    }

    private static UUID webhook(String webhookId) {
        return PathIds.parse(webhookId, NotificationProblems::webhookNotFound);
    }
}
