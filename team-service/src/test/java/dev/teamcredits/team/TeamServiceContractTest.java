package dev.teamcredits.team;

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

    /** A settings change names at least one setting; an invitation's email must be an address. */
    @Override
    protected OpenApiContract.Hints openApiHints() {
        return new OpenApiContract.Hints(Map.of("SettingsRequest", List.of("{\"personalFallback\":true}")),
                Map.of("email", "invitee@acme.example"), Map.of());
    }
}
