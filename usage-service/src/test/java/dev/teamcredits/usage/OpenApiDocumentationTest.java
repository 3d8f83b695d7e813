package dev.teamcredits.usage;

import dev.teamcredits.common.OpenApiAssertions;
import dev.teamcredits.common.OpenApiConventions;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every endpoint is in the OpenAPI document with its success and its error responses, good enough for a client. */
@QuarkusTest
class OpenApiDocumentationTest {

    /** The usage service's own operations (common's /v1/whoami and parked events are common's) and their ids. */
    static final Map<String, String> OPERATION_IDS = Map.of(
            "get /v1/orgs/{orgId}/usage", "getOrgUsage",
            "get /v1/orgs/{orgId}/usage/cycles", "listCycles",
            "get /v1/orgs/{orgId}/usage/daily", "getOrgDailyUsage",
            "get /v1/orgs/{orgId}/members/{userId}/usage/daily", "getMemberDailyUsage",
            "post /v1/admin/usage/rebuild", "rebuildUsage");

    @Test
    void everyOperationDocumentsItsErrorsAsProblems() {
        OpenApiAssertions.everyOperationDocumentsItsErrors(List.of("get /v1/orgs/{orgId}/usage",
                "get /v1/orgs/{orgId}/usage/cycles", "get /v1/orgs/{orgId}/usage/daily",
                "get /v1/orgs/{orgId}/members/{userId}/usage/daily", "post /v1/admin/usage/rebuild", "get /v1/whoami",
                "get /v1/operator/usage/parked-events", "post /v1/operator/usage/parked-events/{id}/redrive"),
                List.of("get /v1/orgs/{orgId}/usage/daily"));
    }

    @Test
    void everyOperationHasItsOperationIdASummaryAndOneDescribedTag() {
        OpenApiConventions.published().operationsAreNamedSummarizedAndTaggedOnce(OPERATION_IDS);
    }

    @Test
    void everyErrorResponseEndsWithTheProblemSlugsItCarries() {
        OpenApiConventions.published().errorResponsesEndWithTheirProblemSlugs(OPERATION_IDS.keySet());
    }

    /** The usage service takes no Idempotency-Key: its one POST, a rebuild, starts a rebuild each time. */
    @Test
    void noOperationTakesAnIdempotencyKey() {
        OpenApiConventions.published().idempotencyKeysAreDeclaredWhereTaken(Map.of());
    }

    @Test
    void theCycleHistoryIsCursorPagedInTheHistorysShape() {
        OpenApiConventions.published().pagedListsShareOneShape(OPERATION_IDS.keySet(),
                Set.of("get /v1/orgs/{orgId}/usage/cycles"), 1000);
    }
}
