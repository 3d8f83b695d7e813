package dev.teamcredits.notification;

import static io.restassured.RestAssured.given;

import dev.teamcredits.common.EventStreams;
import dev.teamcredits.events.CloudEvent;
import dev.teamcredits.events.DomainEvent;
import dev.teamcredits.events.EventCodec;
import dev.teamcredits.events.Topics;
import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.BalanceView;
import dev.teamcredits.events.ledger.LedgerEvent;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.OrgCreated;
import dev.teamcredits.events.team.OrgSettings;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.PlanTerms;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.events.team.TeamEvent;
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

/** Notification tests feed real events, as the other services write them, through the real broker. */
final class NotificationFixture {

    private NotificationFixture() {
    }

    record User(String subject, String name, String email, String token) {
    }

    static User user(String name) {
        String subject = name + "-" + UUID.randomUUID();
        String email = subject + "@acme.example";
        return new User(subject, name, email, TestTokens.mint(Map.of("sub", subject, "email", email)));
    }

    static RequestSpecification as(User user) {
        return given().auth().oauth2(user.token());
    }

    static String source(DomainEvent event) {
        return event instanceof TeamEvent ? "/team-service" : event instanceof LedgerEvent ? "/ledger-service"
                : "/usage-service";
    }

    static String topic(DomainEvent event) {
        return event instanceof TeamEvent ? Topics.TEAM : event instanceof LedgerEvent ? Topics.LEDGER : Topics.USAGE;
    }

    /** The record as the producing service's outbox relay would write it. */
    static String record(DomainEvent event) {
        return EventCodec.encode(CloudEvent.of(source(event), event));
    }

    static void send(DomainEvent... events) {
        for (DomainEvent e : events) {
            EventStreams.produce(topic(e), List.<String[]>of(new String[] { e.key(), record(e) }));
        }
    }

    static void sendRaw(String topic, String key, String... values) {
        List<String[]> records = new ArrayList<>();
        for (String v : values) {
            records.add(new String[] { key, v });
        }
        EventStreams.produce(topic, records);
    }

    static void await(String what, BooleanSupplier condition) {
        EventStreams.await(what, Duration.ofSeconds(60), condition);
    }

    static int inboxSize(User user) {
        return as(user).get("/v1/me/notifications?limit=100").then().statusCode(200).extract().path("items.size()");
    }

    /** An org known to the notification service: its admin and, once joined, members. */
    static final class Org {
        final UUID id = UUID.randomUUID();
        final User admin = user("ada");

        static Org create() {
            Org org = new Org();
            send(new OrgCreated(org.id, "Acme Research", Plan.PRO, new PlanTerms(5, 1000, false),
                    new OrgSettings(true, true), LocalDate.now(ZoneOffset.UTC), org.admin.subject(), Instant.now()),
                    new MemberJoined(org.id, org.admin.subject(), org.admin.email(), "Ada", Role.ADMIN, true, null,
                            Instant.now(), null));
            return org;
        }

        LocalDate cycleStart() {
            return LocalDate.now(ZoneOffset.UTC);
        }

        /** A member who accepted an invitation; waits until the admin was told. */
        User join(String name) {
            return join(name, Role.MEMBER, true);
        }

        /** A member with this role and pool access who accepted an invitation; waits until the admin was told. */
        User join(String name, Role role, boolean poolAccess) {
            User user = user(name);
            int before = inboxSize(admin);
            send(new MemberJoined(id, user.subject(), user.email(), name, role, poolAccess, null, Instant.now(),
                    UUID.randomUUID()));
            await(name + " joined", () -> inboxSize(admin) > before);
            return user;
        }

        TransferCompleted transfer(AccountRef from, AccountRef to, long amount, String reason, long fromAfter,
                long toAfter) {
            return new TransferCompleted(id, UUID.randomUUID(), from, to, amount, reason, admin.subject(), "Ada", null,
                    new BalanceView(from, fromAfter, 0, fromAfter), new BalanceView(to, toAfter, 0, toAfter),
                    Instant.now());
        }
    }
}
