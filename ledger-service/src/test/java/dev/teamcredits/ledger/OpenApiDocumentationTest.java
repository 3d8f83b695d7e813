package dev.teamcredits.ledger;

import dev.teamcredits.common.OpenApiAssertions;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every endpoint is in the OpenAPI document with its success and its error responses. */
@QuarkusTest
class OpenApiDocumentationTest {

    @Test
    void everyOperationDocumentsItsErrorsAsProblems() {
        OpenApiAssertions.everyOperationDocumentsItsErrors(List.of(
                "get /v1/orgs/{orgId}/balances", "post /v1/orgs/{orgId}/top-up-requests", "post /v1/orgs/{orgId}/transfers",
                "post /v1/orgs/{orgId}/transfers/preview", "post /v1/orgs/{orgId}/transfers/{transactionId}/reversal",
                "post /v1/orgs/{orgId}/spends", "post /v1/orgs/{orgId}/spends/batch", "post /v1/orgs/{orgId}/reservations",
                "post /v1/orgs/{orgId}/reservations/{reservationId}/capture",
                "post /v1/orgs/{orgId}/reservations/{reservationId}/release", "post /v1/orgs/{orgId}/cycles/close",
                "get /v1/orgs/{orgId}/transactions", "put /v1/orgs/{orgId}/members/{userId}/recurring-allocation",
                "delete /v1/orgs/{orgId}/members/{userId}/recurring-allocation",
                "put /v1/orgs/{orgId}/accounts/{account}/auto-top-up",
                "delete /v1/orgs/{orgId}/accounts/{account}/auto-top-up", "get /v1/me/balance",
                "post /v1/me/top-up-requests", "get /v1/me/purchases", "get /v1/orgs/{orgId}/accounts/{account}/purchases",
                "post /v1/purchases", "post /v1/top-up-requests/{requestId}/decline", "post /v1/operator/grants",
                "get /v1/admin/ledger/audit", "get /v1/whoami",
                "get /v1/operator/ledger/parked-events", "post /v1/operator/ledger/parked-events/{id}/redrive"),
                List.of("post /v1/orgs/{orgId}/transfers", "post /v1/orgs/{orgId}/top-up-requests", "post /v1/purchases",
                        "put /v1/orgs/{orgId}/accounts/{account}/auto-top-up", "get /v1/admin/ledger/audit"));
    }
}
