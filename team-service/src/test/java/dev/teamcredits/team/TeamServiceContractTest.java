package dev.teamcredits.team;

import dev.teamcredits.common.ServiceContractTest;
import dev.teamcredits.local.ServiceTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;

@QuarkusTest
@QuarkusTestResource(value = ServiceTestInfra.class, initArgs = @ResourceArg(name = "database", value = "team"))
class TeamServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "team-service";
    }

    @Override
    protected Set<String> ownedTables() {
        return Set.of("outbox_event");
    }
}
