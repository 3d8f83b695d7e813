package dev.teamcredits.notification.rest;

import static dev.teamcredits.notification.rest.WebhookResource.org;
import static dev.teamcredits.notification.rest.WebhookResource.webhook;

import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.common.rest.PathIds;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.notification.rest.dto.WebhookDeliveryPage;
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
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A webhook's deliveries (admins only): see them, dead letters included, and re-drive a dead one. */
@Path("/v1/orgs/{orgId}/webhooks/{webhookId}/deliveries")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = NotificationOpenApi.WEBHOOKS)
public class WebhookDeliveryResource {

    private final WebhookService webhooks;
    private final JsonWebToken token;

    public WebhookDeliveryResource(WebhookService webhooks, JsonWebToken token) {
        this.webhooks = webhooks;
        this.token = token;
    }

    @GET
    @Operation(operationId = "listWebhookDeliveries", summary = "List a webhook's deliveries (admin)",
            description = "Newest first, a page at a time: pass a page's nextCursor as cursor (with the same status) "
                    + "for the next, older page; the last page has nextCursor null. status=DEAD lists the dead "
                    + "letters.")
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    @APIResponse(responseCode = "400", description = "An invalid status, limit or cursor (another list's too), or a "
            + "NUL character in the path or query (invalid-filter, invalid-limit, invalid-cursor, malformed-request)")
    @APIResponse(responseCode = "403", description = NotificationOpenApi.NOT_ADMIN)
    @APIResponse(responseCode = "404", description = NotificationOpenApi.NO_WEBHOOK)
    public Uni<WebhookDeliveryPage> deliveries(
            @Parameter(description = NotificationOpenApi.ORG_ID,
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = NotificationOpenApi.WEBHOOK_ID,
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("webhookId") String webhookId,
            @Parameter(description = "Only the deliveries in this state; all when absent",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "PENDING", "DELIVERED", "DEAD" }))
            @QueryParam("status") String status,
            @Parameter(description = NotificationOpenApi.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = "How many deliveries a page holds at most",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "500",
                            defaultValue = "50"))
            @QueryParam("limit") @DefaultValue("50") String limit) {
        UUID org = org(orgId);
        int max = Cursors.limit(limit, 500);
        return webhooks.requireAdmin(Caller.of(token), org)
                .chain(() -> webhooks.deliveries(org, webhook(webhookId), status, cursor, max))
                .map(NotificationMapping::deliveries);
    }

    @POST
    @Path("{deliveryId}/redrive")
    @Operation(operationId = "redriveWebhookDelivery", summary = "Send a dead-lettered delivery again (admin)",
            description = "The same delivery id (webhook-id) and body, signed afresh, with a new round of attempts. "
                    + "Idempotent by nature: a delivery that is no longer dead is 409, never sent twice by this "
                    + "call, so it takes no Idempotency-Key.")
    @APIResponse(responseCode = "200", description = "Queued again: the delivery, PENDING with 0 attempts")
    @APIResponse(responseCode = "400", description = NotificationOpenApi.BAD_REQUEST)
    @APIResponse(responseCode = "403", description = NotificationOpenApi.NOT_ADMIN)
    @APIResponse(responseCode = "404", description = "No such org, or the caller is not a member; or the org has "
            + "no such webhook, or the webhook no such delivery (org-not-found, webhook-not-found, "
            + "delivery-not-found)")
    @APIResponse(responseCode = "409", description = "The delivery is not dead (delivery-not-dead)")
    public Uni<WebhookDeliveryView> redrive(
            @Parameter(description = NotificationOpenApi.ORG_ID,
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = NotificationOpenApi.WEBHOOK_ID,
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("webhookId") String webhookId,
            @Parameter(description = NotificationOpenApi.DELIVERY_ID,
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("deliveryId") String deliveryId) {
        UUID org = org(orgId);
        return webhooks.requireAdmin(Caller.of(token), org).chain(() -> webhooks.redrive(org, webhook(webhookId),
                PathIds.parse(deliveryId, NotificationProblems::deliveryNotFound))).map(NotificationMapping::dto);
    }
}
