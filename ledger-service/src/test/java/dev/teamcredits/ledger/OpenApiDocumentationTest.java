package dev.teamcredits.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.common.OpenApiAssertions;
import dev.teamcredits.common.OpenApiConventions;
import dev.teamcredits.ledger.domain.TransactionType;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every endpoint is in the OpenAPI document with its success and its error responses, good enough for a client. */
@QuarkusTest
class OpenApiDocumentationTest {

    /** The ledger's own operations (common's /v1/whoami and parked events are common's) and their ids. */
    static final Map<String, String> OPERATION_IDS = Map.ofEntries(
            Map.entry("get /v1/orgs/{orgId}/balances", "getBalances"),
            Map.entry("post /v1/orgs/{orgId}/top-up-requests", "requestTopUp"),
            Map.entry("post /v1/orgs/{orgId}/transfers", "createTransfer"),
            Map.entry("post /v1/orgs/{orgId}/transfers/preview", "previewTransfer"),
            Map.entry("post /v1/orgs/{orgId}/transfers/{transactionId}/reversal", "reverseTransfer"),
            Map.entry("post /v1/orgs/{orgId}/spends", "createSpend"),
            Map.entry("post /v1/orgs/{orgId}/spends/batch", "createSpendBatch"),
            Map.entry("post /v1/orgs/{orgId}/reservations", "reserveCredits"),
            Map.entry("post /v1/orgs/{orgId}/reservations/{reservationId}/capture", "captureReservation"),
            Map.entry("post /v1/orgs/{orgId}/reservations/{reservationId}/release", "releaseReservation"),
            Map.entry("post /v1/orgs/{orgId}/cycles/close", "closeCycle"),
            Map.entry("get /v1/orgs/{orgId}/transactions", "listTransactions"),
            Map.entry("put /v1/orgs/{orgId}/members/{userId}/recurring-allocation", "setRecurringAllocation"),
            Map.entry("delete /v1/orgs/{orgId}/members/{userId}/recurring-allocation", "deleteRecurringAllocation"),
            Map.entry("put /v1/orgs/{orgId}/accounts/{account}/auto-top-up", "setAutoTopUp"),
            Map.entry("delete /v1/orgs/{orgId}/accounts/{account}/auto-top-up", "deleteAutoTopUp"),
            Map.entry("get /v1/me/balance", "getPersonalBalance"),
            Map.entry("post /v1/me/top-up-requests", "requestPersonalTopUp"),
            Map.entry("get /v1/me/purchases", "listPersonalPurchases"),
            Map.entry("get /v1/orgs/{orgId}/accounts/{account}/purchases", "listAccountPurchases"),
            Map.entry("post /v1/purchases", "recordPurchase"),
            Map.entry("post /v1/top-up-requests/{requestId}/decline", "declineTopUpRequest"),
            Map.entry("post /v1/operator/grants", "grantCredits"),
            Map.entry("get /v1/admin/ledger/audit", "auditLedger"));

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

    @Test
    void everyOperationHasItsOperationIdASummaryAndOneDescribedTag() {
        OpenApiConventions.published().operationsAreNamedSummarizedAndTaggedOnce(OPERATION_IDS);
    }

    @Test
    void everyErrorResponseEndsWithTheProblemSlugsItCarries() {
        OpenApiConventions.published().errorResponsesEndWithTheirProblemSlugs(OPERATION_IDS.keySet());
    }

    /** Every use case run through IdempotentOperations (or a spend) refuses a request without a key: 400. */
    @Test
    void everyMoneyPostRequiresAnIdempotencyKeyAndNothingElseTakesOne() {
        OpenApiConventions.published().idempotencyKeysAreDeclaredWhereTaken(Map.ofEntries(
                Map.entry("post /v1/orgs/{orgId}/spends", true),
                Map.entry("post /v1/orgs/{orgId}/reservations", true),
                Map.entry("post /v1/orgs/{orgId}/reservations/{reservationId}/capture", true),
                Map.entry("post /v1/orgs/{orgId}/reservations/{reservationId}/release", true),
                Map.entry("post /v1/orgs/{orgId}/transfers", true),
                Map.entry("post /v1/orgs/{orgId}/transfers/{transactionId}/reversal", true),
                Map.entry("post /v1/orgs/{orgId}/top-up-requests", true),
                Map.entry("post /v1/orgs/{orgId}/cycles/close", true),
                Map.entry("post /v1/me/top-up-requests", true),
                Map.entry("post /v1/purchases", true),
                Map.entry("post /v1/top-up-requests/{requestId}/decline", true),
                Map.entry("post /v1/operator/grants", true)));
    }

    @Test
    void everyGrowingListIsCursorPagedInOneShape() {
        OpenApiConventions.published().pagedListsShareOneShape(OPERATION_IDS.keySet(), Set.of(
                "get /v1/orgs/{orgId}/transactions", "get /v1/me/purchases",
                "get /v1/orgs/{orgId}/accounts/{account}/purchases"), 1000);
    }

    @Test
    void theHistoryTypeFilterNamesEveryTransactionType() {
        assertEquals(Arrays.stream(TransactionType.values()).map(Enum::name).toList(),
                OpenApiConventions.published().queryEnum("get /v1/orgs/{orgId}/transactions", "type"));
    }
}
