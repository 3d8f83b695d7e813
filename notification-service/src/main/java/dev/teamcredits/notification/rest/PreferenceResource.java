package dev.teamcredits.notification.rest;

import dev.teamcredits.notification.rest.dto.Preferences;
import dev.teamcredits.notification.rest.mapping.NotificationMapping;
import dev.teamcredits.notification.service.PreferenceService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's channels per notification type. */
@Path("/v1/me/notification-preferences")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = NotificationOpenApi.PREFERENCES)
public class PreferenceResource {

    private final PreferenceService preferences;
    private final JsonWebToken token;

    public PreferenceResource(PreferenceService preferences, JsonWebToken token) {
        this.preferences = preferences;
        this.token = token;
    }

    @GET
    @Operation(operationId = "getNotificationPreferences", summary = "Get the caller's channels per notification type",
            description = "Every notification type with its inbox, email and stream setting, defaults included.")
    @APIResponse(responseCode = "200", description = "Every type with inbox, email and stream")
    @APIResponse(responseCode = "400", description = NotificationOpenApi.BAD_REQUEST)
    public Uni<Preferences> get() {
        return preferences.of(token.getSubject()).map(NotificationMapping::dto);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateNotificationPreferences", summary = "Change the caller's channels for some types",
            description = "Lists the types to change; a channel left out keeps its setting, a type left out keeps "
                    + "all of its. The inbox cannot be turned off. Idempotent by nature (it sets a state), so it "
                    + "takes no Idempotency-Key.")
    @APIResponse(responseCode = "200", description = "All preferences after the change")
    @APIResponse(responseCode = "400", description = "An unknown notification type, the inbox turned off, or "
            + "malformed JSON, wrong types, unknown or duplicate fields, invalid values, a NUL character in the "
            + "query (unknown-notification-type, inbox-always-on, malformed-request, validation-failed)")
    @APIResponse(responseCode = "413", description = NotificationOpenApi.TOO_LARGE)
    @APIResponse(responseCode = "415", description = NotificationOpenApi.UNSUPPORTED_MEDIA_TYPE)
    public Uni<Preferences> put(@RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Preferences.class),
            examples = @ExampleObject(name = "noTransferEmails", summary = "No email about transfers received, "
                    + "nothing on the stream about low balances", value = "{\"preferences\": [{\"type\": "
                    + "\"TRANSFER_RECEIVED\", \"email\": false}, {\"type\": \"LOW_BALANCE\", \"stream\": false}]}")))
            @Valid @NotNull Preferences changes) {
        return preferences.update(token.getSubject(), NotificationMapping.changes(changes))
                .map(NotificationMapping::dto);
    }
}
