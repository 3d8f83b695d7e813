package dev.teamcredits.usage;

import dev.teamcredits.common.ServiceContractTest;
import dev.teamcredits.local.ServiceTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;

@QuarkusTest
@QuarkusTestResource(value = ServiceTestInfra.class, initArgs = @ResourceArg(name = "database", value = "usage"))
class UsageServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "usage-service";
    }

    @Override
    protected Set<String> ownedTables() {
        return Set.of("outbox_event", "processed_event", "member_cycle_usage", "pool_cycle", "daily_usage",
                "unusual_alert");
    }
}
