package dev.teamcredits.common.rest;

import dev.teamcredits.common.security.Caller;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who the service thinks the caller is: the token's subject, email and client. Every service has
 * it, so a front end or an operator can check a token against any of them.
 */
@Path("/v1/whoami")
@Authenticated
@Tag(name = ProblemResponsesFilter.IDENTITY_TAG)
public class WhoAmIResource {

    private final JsonWebToken token;
    private final String service;

    public WhoAmIResource(JsonWebToken token, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.token = token;
        this.service = service;
    }

    /** The caller as seen by this service. */
    @Schema(description = "The caller as this service sees it")
    public record CallerView(@Schema(description = "The service that answered", example = "ledger-service") String service,
            @Schema(description = "The token's subject (a user id or a service account's)") String subject,
            @Schema(description = "The token's email, for users", nullable = true) String email,
            @Schema(description = "The client the token was issued to", nullable = true) String clientId) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "whoAmI", summary = "The authenticated caller as this service sees it")
    @APIResponse(responseCode = "200", description = "The caller")
    public CallerView whoAmI() {
        Caller caller = Caller.of(token);
        return new CallerView(service, caller.subject(), caller.email(), caller.clientId());
    }
}
