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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's channels per notification type. */
@Path("/v1/me/notification-preferences")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Preferences")
public class PreferenceResource {

    private final PreferenceService preferences;
    private final JsonWebToken token;

    public PreferenceResource(PreferenceService preferences, JsonWebToken token) {
        this.preferences = preferences;
        this.token = token;
    }

    @GET
    @Operation(summary = "The caller's channels per notification type (defaults included)")
    @APIResponse(responseCode = "200", description = "Every type with inbox, email and stream")
    public Uni<Preferences> get() {
        return preferences.of(token.getSubject()).map(NotificationMapping::dto);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change channels for some types; channels left out keep their setting")
    @APIResponse(responseCode = "200", description = "All preferences after the change")
    @APIResponse(responseCode = "400", description = "Unknown type, or the inbox turned off (inbox-always-on)")
    public Uni<Preferences> put(@Valid @NotNull Preferences changes) {
        return preferences.update(token.getSubject(), NotificationMapping.changes(changes))
                .map(NotificationMapping::dto);
    }
}
