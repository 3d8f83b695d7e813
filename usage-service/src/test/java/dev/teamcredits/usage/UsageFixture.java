package dev.teamcredits.usage;

import static io.restassured.RestAssured.given;

import dev.teamcredits.common.EventStreams;
import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.CreditsGranted;
import dev.teamcredits.events.ledger.CreditsSpent;
import dev.teamcredits.events.ledger.CycleClosed;
import dev.teamcredits.events.ledger.SourceAmount;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.OrgCreated;
import dev.teamcredits.events.team.OrgSettings;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.PlanTerms;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.local.TestTokens;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Usage tests feed real events, as the ledger and team services write them, through the real broker. */
final class UsageFixture {

    private UsageFixture() {
    }

    record User(String subject, String token) {
    }

    static User user(String name) {
        String subject = name + "-" + UUID.randomUUID();
        return new User(subject, TestTokens.mint(Map.of("sub", subject, "email", name + "@acme.example")));
    }

    static RequestSpecification as(User user) {
        return given().auth().oauth2(user.token());
    }

    static String record(DomainEvent event) {
        return EventCodec.encode(CloudEvent.of(event instanceof dev.teamcredits.events.team.TeamEvent ? "/team-service"
                : "/ledger-service", event));
    }

    /** Produces records as the outbox relays do: keyed by org, with the CloudEvents content type. */
    static void sendRaw(String topic, List<String[]> keyedValues) {
        EventStreams.produce(topic, keyedValues);
    }

    static void send(DomainEvent... events) {
        List<String[]> team = new ArrayList<>();
        List<String[]> ledger = new ArrayList<>();
        for (DomainEvent e : events) {
            (e instanceof dev.teamcredits.events.team.TeamEvent ? team : ledger)
                    .add(new String[] { e.key(), record(e) });
        }
        if (!team.isEmpty()) {
            sendRaw(Topics.TEAM, team);
        }
        if (!ledger.isEmpty()) {
            sendRaw(Topics.LEDGER, ledger);
        }
    }

    static String bootstrap() {
        return EventStreams.bootstrapServers();
    }

    static void await(String what, BooleanSupplier condition) {
        EventStreams.await(what, Duration.ofSeconds(60), condition);
    }

    /** The spends in the member's own row of the org's current usage table (a member sees only their row). */
    static int ownSpends(User member, UUID orgId) {
        return ((Number) as(member).get("/v1/orgs/{o}/usage", orgId).path("members[0].spends")).intValue();
    }

    static BalanceView pool(long available) {
        return new BalanceView(AccountRef.pool(), available, 0, available);
    }

    /** An org known to the usage service, with its admin. */
    static final class Org {
        final UUID id = UUID.randomUUID();
        final User admin = user("admin");
        LocalDate cycleStart = LocalDate.now(ZoneOffset.UTC);

        static Org create(long allocation) {
            Org org = new Org();
            send(new OrgCreated(org.id, "Org", Plan.PRO, new PlanTerms(5, allocation, false),
                    new OrgSettings(true, true), org.cycleStart, org.admin.subject(), Instant.now()),
                    new MemberJoined(org.id, org.admin.subject(), "admin@acme.example", "Admin", Role.ADMIN, true, null,
                            Instant.now(), null));
            send(new CreditsGranted(org.id, UUID.randomUUID(), AccountRef.pool(), allocation, "SUBSCRIPTION",
                    "SUBSCRIPTION", null, pool(allocation), "system", Instant.now()));
            await("org", () -> as(org.admin).get("/v1/orgs/{o}/usage", org.id).statusCode() == 200);
            return org;
        }

        User join(String name) {
            User user = user(name);
            send(new MemberJoined(id, user.subject(), name + "@acme.example", name, Role.MEMBER, true, null,
                    Instant.now(), UUID.randomUUID()));
            await(name, () -> as(user).get("/v1/orgs/{o}/usage", id).statusCode() == 200);
            return user;
        }

        CreditsSpent spend(User user, String action, long fromPool, long fromMember, long fromPersonal, long poolAfter,
                Instant at) {
            List<SourceAmount> sources = new ArrayList<>();
            if (fromPool > 0) {
                sources.add(new SourceAmount(AccountRef.pool(), fromPool));
            }
            if (fromMember > 0) {
                sources.add(new SourceAmount(AccountRef.member(user.subject()), fromMember));
            }
            if (fromPersonal > 0) {
                sources.add(new SourceAmount(AccountRef.personal(user.subject()), fromPersonal));
            }
            return new CreditsSpent(id, UUID.randomUUID(), user.subject(), action, 1,
                    fromPool + fromMember + fromPersonal, sources, cycleStart, null, user.subject(),
                    fromPool > 0 ? pool(poolAfter) : null, at);
        }

        CycleClosed close(long granted) {
            LocalDate next = cycleStart.plusMonths(1);
            CycleClosed closed = new CycleClosed(id, cycleStart, next, next.plusMonths(1), granted, Instant.now());
            cycleStart = next;
            return closed;
        }
    }
}
