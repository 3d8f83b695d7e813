package dev.teamcredits.notification;

import dev.teamcredits.common.OpenApiContract;
import dev.teamcredits.common.ServiceContractTest;
import dev.teamcredits.local.ServiceTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.Set;

@QuarkusTest
@QuarkusTestResource(value = ServiceTestInfra.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(SmtpSink.class)
class NotificationServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "notification-service";
    }

    @Override
    protected Set<String> ownedTables() {
        return Set.of("processed_event", "org_info", "member", "notification", "email_delivery",
                "notification_preference",
                "webhook", "webhook_delivery", "idempotency_record");
    }

    /** A preference names a notification type; a webhook's URL is an https URL, its secret a Standard Webhooks one. */
    @Override
    protected OpenApiContract.Hints openApiHints() {
        return new OpenApiContract.Hints(Map.of(), Map.of("type", "TRANSFER_RECEIVED", "url",
                "https://hooks.example.com/team-credits", "secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                Map.of("type", "unknown-notification-type"));
    }
}
