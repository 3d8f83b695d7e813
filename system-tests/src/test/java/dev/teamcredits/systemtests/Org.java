package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.ADA;
import static dev.teamcredits.systemtests.Api.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teamcredits.client.CreditAccount;
import dev.teamcredits.client.Purchase;
import dev.teamcredits.client.PurchaseRequest;
import dev.teamcredits.client.Spend;
import dev.teamcredits.client.SpendRequest;
import dev.teamcredits.systemtests.Api.Reply;
import dev.teamcredits.systemtests.Api.Who;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An org of one test, created through the team service with ada as its admin, and the calls on it. */
final class Org {

    final String id;
    final Api api;
    /** Members who joined (besides ada), so invariants know whose inbox to read. */
    final List<Who> members = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Org(String id, Api api) {
        this.id = id;
        this.api = api;
    }

    /** Creates the org and waits until the ledger has granted its first allocation. */
    static Org create(String plan) {
        return create(plan, "System test " + plan);
    }

    /** The same, with a name of the test's choice. */
    static Org create(String plan, String name) {
        Api api = SystemStack.api();
        Reply created = api.post(ADA, api.team() + "/v1/orgs", Map.of("name", name, "plan", plan)).expect(201);
        Org org = new Org(created.body().get("id").asText(), api);
        Waits.until("the ledger knows org " + org.id, () -> api.get(ADA, org.ledger("/balances")).ok());
        return org;
    }

    String team(String path) {
        return api.team() + "/v1/orgs/" + id + path;
    }

    String ledger(String path) {
        return api.ledger() + "/v1/orgs/" + id + path;
    }

    String usage(String path) {
        return api.usage() + "/v1/orgs/" + id + path;
    }

    Reply invite(String email, boolean poolAccess) {
        return api.post(ADA, team("/invitations"), Map.of("email", email, "role", "MEMBER", "poolAccess", poolAccess));
    }

    /** Invites a realm user, who accepts with their own token; waits until the ledger has them as a member. */
    void join(Who who, boolean poolAccess) {
        String invitation = invite(who.username() + "@acme.example", poolAccess).expect(201).body().get("id").asText();
        api.post(who, api.team() + "/v1/invitations/" + invitation + "/accept", null).expect(201);
        members.add(who);
        Waits.until("the ledger knows " + who + " in " + id, () -> member(Api.id(who)) != null);
    }

    /** Removes a member through the team service. */
    void remove(Who who) {
        Reply reply = api.delete(ADA, team("/members/" + Api.id(who)));
        if (!reply.ok()) {
            throw new AssertionError("removing " + who + ": " + reply.status() + " " + reply.raw().body());
        }
    }

    JsonNode balances() {
        return api.get(ADA, ledger("/balances")).expect(200).body();
    }

    long pool() {
        return balances().get("pool").get("balance").asLong();
    }

    long poolAvailable() {
        return balances().get("pool").get("available").asLong();
    }

    /** The member's balance row as the admin sees it, or null if the ledger does not (yet) know them. */
    JsonNode member(String userId) {
        for (JsonNode m : balances().get("members")) {
            if (m.get("userId").asText().equals(userId)) {
                return m;
            }
        }
        return null;
    }

    long memberBalance(Who who) {
        return member(Api.id(who)).get("balance").asLong();
    }

    Reply transfer(String from, String to, long amount, String reason) {
        return api.post(ADA, ledger("/transfers"), Map.of("from", from, "to", to, "amount", amount, "reason", reason),
                key());
    }

    Reply spend(Who who, String action, long quantity) {
        return api.post(who, ledger("/spends"), Map.of("action", action, "quantity", quantity), key());
    }

    /** A spend on the member's behalf by a product backend, through the Java client with its client credentials. */
    Spend spendFor(Who backend, Who member, String action, long quantity) {
        return Clients.backend(backend).spend(id, SpendRequest.of(action, quantity).forMember(Api.id(member)));
    }

    /**
     * Credits bought for the pool: a purchase the billing backend records through the Java client with a payment
     * reference of its own (no user token creates credits); a new purchase, never the replay of an earlier one.
     */
    Purchase buy(long amount) {
        Purchase purchase = Clients.backend(Api.BILLING).recordPurchase(PurchaseRequest.of(CreditAccount.pool(id),
                amount, Api.paymentReference()));
        assertFalse(purchase.replayed(), "a new payment is recorded (201), not answered again");
        assertEquals(amount, purchase.amount());
        return purchase;
    }

    /** Every transaction of the org, oldest first (pages through the history as the admin). */
    List<JsonNode> transactions() {
        List<JsonNode> all = new java.util.ArrayList<>();
        String cursor = null;
        do {
            String url = ledger("/transactions?limit=200" + (cursor == null ? "" : "&cursor=" + Api.q(cursor)));
            JsonNode page = api.get(ADA, url).expect(200).body();
            page.get("items").forEach(all::add);
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        java.util.Collections.reverse(all);
        return all;
    }

    /** The sources of a spend reply as "KIND" → amount (POOL, MEMBER, PERSONAL). */
    static Map<String, Long> sources(Reply spend) {
        Map<String, Long> sources = new HashMap<>();
        for (JsonNode s : spend.body().get("sources")) {
            sources.merge(s.get("account").get("kind").asText(), s.get("amount").asLong(), Long::sum);
        }
        return sources;
    }

    String cycleStart() {
        return balances().get("cycleStart").asText();
    }

    void assertPool(long expected) {
        assertEquals(expected, pool(), "pool balance of " + id);
    }
}
