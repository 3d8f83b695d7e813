package dev.teamcredits.sandbox;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The ledger's two endpoints for a billing backend, called with the {@code billing-backend} client-credentials
 * token (quarkus-oidc-client). Answers come back as they are, 4xx and 5xx included ({@link LedgerAnswer}).
 */
@RegisterRestClient(configKey = "ledger")
@OidcClientFilter
@Path("/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface LedgerClient {

    /** The body of {@code POST /v1/purchases}; the account is the request's, so it is left out. */
    record PurchaseBody(long amount, String paymentReference, UUID topUpRequestId, long price, String currency) {
    }

    record DeclineBody(String reason) {
    }

    @POST
    @Path("/purchases")
    Response recordPurchase(@HeaderParam("Idempotency-Key") String idempotencyKey, PurchaseBody body);

    @POST
    @Path("/top-up-requests/{id}/decline")
    Response decline(@PathParam("id") UUID requestId, @HeaderParam("Idempotency-Key") String idempotencyKey,
            DeclineBody body);
}
