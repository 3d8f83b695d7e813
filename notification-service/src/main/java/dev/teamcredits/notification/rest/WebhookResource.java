package dev.teamcredits.notification.rest;

import dev.teamcredits.common.idempotency.IdempotencyKeys;
import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.common.rest.OrgProblems;
import dev.teamcredits.common.rest.PathIds;
import dev.teamcredits.common.rest.Replies;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.notification.rest.dto.WebhookPage;
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
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Org webhooks (admins only): register, list and delete. Their deliveries: {@link WebhookDeliveryResource}. */
@Path("/v1/orgs/{orgId}/webhooks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = NotificationOpenApi.WEBHOOKS)
public class WebhookResource {

    private final WebhookService webhooks;
    private final JsonWebToken token;

    public WebhookResource(WebhookService webhooks, JsonWebToken token) {
        this.webhooks = webhooks;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerWebhook", summary = "Register a webhook (admin)",
            description = "The URL, the event types it gets (all that tell people something when none are named) "
                    + "and, optionally, its Standard Webhooks signing secret; without one a secret is generated. "
                    + "The secret is in this response only. Only public https addresses are called (an "
                    + "allow-listed host aside).")
    @APIResponse(responseCode = "201", description = "Registered; the secret is shown in this response only")
    @APIResponse(responseCode = "400", description = "An invalid URL, secret or event type, a URL that is not a "
            + "public https address, or malformed JSON, wrong types, unknown or duplicate fields, invalid values, a "
            + "NUL character in the path, an invalid Idempotency-Key header (invalid-webhook-url, "
            + "webhook-url-not-allowed, invalid-webhook-secret, unknown-event-type, malformed-request, "
            + "validation-failed, invalid-idempotency-key)")
    @APIResponse(responseCode = "403", description = NotificationOpenApi.NOT_ADMIN)
    @APIResponse(responseCode = "404", description = NotificationOpenApi.NO_ORG)
    @APIResponse(responseCode = "409", description = "A request with the same Idempotency-Key is still being "
            + "processed; retry (idempotency-key-in-use)")
    @APIResponse(responseCode = "413", description = NotificationOpenApi.TOO_LARGE)
    @APIResponse(responseCode = "415", description = NotificationOpenApi.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used with another request "
            + "(idempotency-key-reused)")
    public Uni<Response> register(
            @Parameter(description = NotificationOpenApi.ORG_ID,
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = NotificationOpenApi.IDEMPOTENCY_KEY, required = false,
                    schema = @Schema(type = SchemaType.STRING, pattern = NotificationOpenApi.IDEMPOTENCY_KEY_PATTERN,
                            minLength = 1, maxLength = 200), example = "9f1c2d3e-register-hooks-1")
            @HeaderParam(IdempotencyKeys.HEADER) String key,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WebhookRequest.class), examples = {
                            @ExampleObject(name = "transfers", summary = "Transfers only, with a generated secret",
                                    value = "{\"url\": \"https://hooks.acme.example/team-credits\", "
                                            + "\"eventTypes\": [\"dev.teamcredits.ledger.transfer.completed.v1\"]}"),
                            @ExampleObject(name = "allWithSecret", summary = "Every type, with the receiver's secret",
                                    value = "{\"url\": \"https://hooks.acme.example/team-credits\", "
                                            + "\"secret\": \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}") }))
            @Valid @NotNull WebhookRequest request) {
        Caller caller = Caller.of(token);
        UUID org = org(orgId);
        return webhooks.requireAdmin(caller, org)
                .chain(() -> webhooks.register(caller, key, org, NotificationMapping.command(request)))
                .map(o -> Replies.of(o.map(webhook -> NotificationMapping.dto(webhook, true)), 201));
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "List the org's webhooks (admin)",
            description = "Newest first, a page at a time: pass a page's nextCursor as cursor for the next, older "
                    + "page; the last page has nextCursor null. Secrets are never listed.")
    @APIResponse(responseCode = "200", description = "A page of webhooks, without their secrets")
    @APIResponse(responseCode = "400", description = "An invalid limit or cursor (another list's too), or a NUL "
            + "character in the path or query (invalid-limit, invalid-cursor, malformed-request)")
    @APIResponse(responseCode = "403", description = NotificationOpenApi.NOT_ADMIN)
    @APIResponse(responseCode = "404", description = NotificationOpenApi.NO_ORG)
    public Uni<WebhookPage> list(
            @Parameter(description = NotificationOpenApi.ORG_ID,
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = NotificationOpenApi.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = "How many webhooks a page holds at most",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "100",
                            defaultValue = "50"))
            @QueryParam("limit") @DefaultValue("50") String limit) {
        UUID org = org(orgId);
        int max = Cursors.limit(limit, 100);
        return webhooks.requireAdmin(Caller.of(token), org).chain(() -> webhooks.list(org, cursor, max))
                .map(NotificationMapping::webhooks);
    }

    @DELETE
    @Path("{webhookId}")
    @Operation(operationId = "deleteWebhook", summary = "Remove a webhook and its deliveries (admin)",
            description = "Nothing more is sent to it, not even deliveries waiting for a retry.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", description = NotificationOpenApi.BAD_REQUEST)
    @APIResponse(responseCode = "403", description = NotificationOpenApi.NOT_ADMIN)
    @APIResponse(responseCode = "404", description = NotificationOpenApi.NO_WEBHOOK)
    public Uni<Void> delete(
            @Parameter(description = NotificationOpenApi.ORG_ID,
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("orgId") String orgId,
            @Parameter(description = NotificationOpenApi.WEBHOOK_ID,
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("webhookId") String webhookId) {
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
