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
        return Set.of("outbox_event", "processed_event", "account", "lot", "journal_tx", "journal_entry", "org_view", "member_view", "reservation", "pool_usage");
    }

    /** A reservation names an amount or a priced action, never both; an action is one of the price list's. */
    @Override
    protected OpenApiContract.Hints openApiHints() {
        return new OpenApiContract.Hints(
                Map.of("ReserveRequest", List.of("{\"amount\":1}", "{\"action\":\"PAGE_SCRAPE\",\"quantity\":1}")),
                Map.of("action", "PAGE_SCRAPE"), Map.of("action", "unknown-action"));
    }
}
