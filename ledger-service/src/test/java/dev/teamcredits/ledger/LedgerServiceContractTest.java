package dev.teamcredits.ledger;

import dev.teamcredits.common.OpenApiContract;
import dev.teamcredits.common.ServiceContractTest;
import dev.teamcredits.local.ServiceTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Set;

@QuarkusTest
@QuarkusTestResource(value = ServiceTestInfra.class, initArgs = @ResourceArg(name = "database", value = "ledger"))
class LedgerServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "ledger-service";
    }

    @Override
    protected Set<String> ownedTables() {
        return Set.of("outbox_event", "processed_event", "account", "lot", "journal_tx", "journal_entry", "org_view", "member_view", "reservation", "pool_usage",
                "top_up_request", "purchase");
    }

    /**
     * A reservation names an amount or a priced action, never both; an action is one of the price list's; a purchase
     * or grant names its account ({@code orgId}, {@code userId} or both), and ids are UUIDs.
     */
    @Override
    protected OpenApiContract.Hints openApiHints() {
        String org = "{\"orgId\":\"" + java.util.UUID.randomUUID() + "\"}";
        return new OpenApiContract.Hints(
                Map.of("ReserveRequest", List.of("{\"amount\":1}", "{\"action\":\"PAGE_SCRAPE\",\"quantity\":1}"),
                        "PurchaseBody", List.of("{\"account\":" + org + ",\"amount\":1,\"paymentReference\":\"p1\","
                                + "\"price\":1,\"currency\":\"EUR\"}"),
                        "GrantBody", List.of("{\"account\":" + org + ",\"amount\":1,\"reason\":\"r\"}")),
                Map.of("action", "PAGE_SCRAPE", "orgId", java.util.UUID.randomUUID().toString(), "topUpRequestId",
                        java.util.UUID.randomUUID().toString(), "currency", "EUR"),
                Map.of("action", "unknown-action"));
    }
}
