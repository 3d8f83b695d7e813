package dev.teamcredits.notification.rest;

import static dev.teamcredits.notification.rest.WebhookResource.org;
import static dev.teamcredits.notification.rest.WebhookResource.webhook;

import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.common.rest.PathIds;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.notification.rest.dto.WebhookDeliveryView;
import dev.teamcredits.notification.rest.mapping.NotificationMapping;
import dev.teamcredits.notification.service.NotificationProblems;
import dev.teamcredits.notification.service.WebhookService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A webhook's deliveries (admins only): see them, dead letters included, and re-drive a dead one. */
@Path("/v1/orgs/{orgId}/webhooks/{webhookId}/deliveries")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class WebhookDeliveryResource {

    private final WebhookService webhooks;
    private final JsonWebToken token;

    public WebhookDeliveryResource(WebhookService webhooks, JsonWebToken token) {
        this.webhooks = webhooks;
        this.token = token;
    }

    @GET
    @Operation(summary = "A webhook's deliveries, newest first; status=DEAD lists the dead letters")
    @APIResponse(responseCode = "200", description = "Deliveries")
    @APIResponse(responseCode = "400", description = "Invalid status or limit")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org or webhook")
    public Uni<List<WebhookDeliveryView>> deliveries(@PathParam("orgId") String orgId,
            @PathParam("webhookId") String webhookId, @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("50") String limit) {
        UUID org = org(orgId);
        int max = Cursors.limit(limit, 500);
        return webhooks.requireAdmin(Caller.of(token), org)
                .chain(() -> webhooks.deliveries(org, webhook(webhookId), status, max))
                .map(list -> list.stream().map(NotificationMapping::dto).toList());
    }

    @POST
    @Path("{deliveryId}/redrive")
    @Operation(summary = "Send a dead-lettered delivery again (same delivery id and body)")
    @APIResponse(responseCode = "200", description = "Queued again")
    @APIResponse(responseCode = "403", description = "Caller is not an admin (admin-required)")
    @APIResponse(responseCode = "404", description = "No such org, webhook or delivery")
    @APIResponse(responseCode = "409", description = "The delivery is not dead (delivery-not-dead)")
    public Uni<WebhookDeliveryView> redrive(@PathParam("orgId") String orgId,
            @PathParam("webhookId") String webhookId, @PathParam("deliveryId") String deliveryId) {
        UUID org = org(orgId);
        return webhooks.requireAdmin(Caller.of(token), org).chain(() -> webhooks.redrive(org, webhook(webhookId),
                PathIds.parse(deliveryId, NotificationProblems::deliveryNotFound))).map(NotificationMapping::dto);
    }
}
