package dev.teamcredits.client.example;

import dev.teamcredits.client.CreditAccount;
import dev.teamcredits.client.Hold;
import dev.teamcredits.client.InsufficientCreditsException;
import dev.teamcredits.client.Purchase;
import dev.teamcredits.client.PurchaseRequest;
import dev.teamcredits.client.ReserveRequest;
import dev.teamcredits.client.Spend;
import dev.teamcredits.client.SpendRequest;
import dev.teamcredits.client.TeamCreditsClient;
import java.util.UUID;

/**
 * A product backend written only against the client, as the root README's quick start runs it against
 * {@code ./run-local}: the billing backend records a purchase into the org's pool, a scraper spends for a member,
 * and an email finder holds a credit and captures it only for a result.
 *
 * <p>Arguments: the org id and the member's user id. Addresses from the environment as the quick start sets them
 * ({@code TEAM}, {@code LEDGER}, {@code USAGE}, {@code TOKEN_URL}), else the {@code ./run-local} defaults.
 */
public final class ExampleBackend {

    private ExampleBackend() {
    }

    public static void main(String[] args) {
        String orgId = args[0];
        String memberId = args[1];
        String tokenUrl = env("TOKEN_URL", "http://127.0.0.1:8180/realms/team-credits/protocol/openid-connect/token");

        // The billing backend, after its payment provider took 25.00 EUR: the credits arrive in the pool.
        TeamCreditsClient billing = client(tokenUrl, "billing-backend", "billing-backend-secret");
        Purchase purchase = billing.recordPurchase(PurchaseRequest.of(CreditAccount.pool(orgId), 2_500,
                "example_" + UUID.randomUUID()).withPrice(2_500, "EUR"));
        System.out.println("purchase " + purchase.id() + ": " + purchase.amount() + " credits into the pool");

        // A scraper, for the member who asked for three pages.
        TeamCreditsClient scraper = client(tokenUrl, "scraper-backend", "scraper-backend-secret");
        Spend spend = scraper.spend(orgId, SpendRequest.of("PAGE_SCRAPE", 3).forMember(memberId));
        System.out.println("spend " + spend.transactionId() + ": " + spend.amount() + " credits for 3 pages");

        // An email finder: a credit is held while it searches, and charged only if it finds an address.
        try (Hold hold = scraper.reserve(orgId, ReserveRequest.action("EMAIL_FINDING", 1).forMember(memberId))) {
            boolean found = true; // the finder's own work goes here
            if (found) {
                hold.capture();
            }
            System.out.println("email finding: hold " + hold.id() + (found ? " captured" : " released"));
        } catch (InsufficientCreditsException e) {
            System.out.println("email finding refused: short by " + e.shortfall());
        }
    }

    private static TeamCreditsClient client(String tokenUrl, String clientId, String secret) {
        return TeamCreditsClient.builder()
                .ledgerUrl(env("LEDGER", "http://127.0.0.1:8082"))
                .usageUrl(env("USAGE", "http://127.0.0.1:8083"))
                .teamUrl(env("TEAM", "http://127.0.0.1:8081"))
                .clientCredentials(tokenUrl, clientId, secret)
                .build();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
