package dev.teamcredits.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.events.ledger.TopUpRequested;
import dev.teamcredits.sandbox.SandboxRules.Decline;
import dev.teamcredits.sandbox.SandboxRules.Purchase;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sandbox's rule: a request up to {@code decline-above} credits is paid at amount × price per credit in the
 * configured currency, with the payment reference {@code sandbox_<requestId>} as its Idempotency-Key; a larger one
 * is declined with a reason naming the limit. Whose account it is (pool, member, personal; by hand or auto top-up)
 * does not matter.
 */
class SandboxRulesTest {

    private static final UUID ORG = UUID.fromString("0f000000-0000-4000-8000-000000000001");
    private static final String USER = "a0000000-0000-4000-8000-000000000001";

    @ParameterizedTest(name = "limit {0}, {1} {2} per credit, {3} credits for {4} {5} → {6}")
    @CsvSource(textBlock = """
            # declineAbove, pricePerCredit, currency, amount, account, automatic, expected price or DECLINE
            100000,        1,   EUR, 1,             POOL,     false, 1
            100000,        1,   EUR, 99999,         MEMBER,   false, 99999
            100000,        1,   EUR, 100000,        PERSONAL, false, 100000
            100000,        1,   EUR, 100001,        POOL,     true,  DECLINE
            100000,        1,   EUR, 1000000000000, PERSONAL, false, DECLINE
            100000,        250, USD, 40,            POOL,     true,  10000
            100000,        0,   EUR, 7,             MEMBER,   false, 0
            0,             1,   EUR, 1,             POOL,     false, DECLINE
            1000000000000, 1,   EUR, 1000000000000, POOL,     false, 1000000000000
            """)
    void completesUpToTheLimitAtItsPriceAndDeclinesAbove(long declineAbove, long pricePerCredit, String currency,
            long amount, AccountRef.Kind kind, boolean automatic, String expected) {
        UUID requestId = UUID.randomUUID();
        TopUpRequested request = new TopUpRequested(kind == AccountRef.Kind.PERSONAL ? null : ORG, requestId,
                new AccountRef(kind, kind == AccountRef.Kind.POOL ? null : USER), amount,
                automatic ? "auto-top-up" : USER, automatic, Instant.now().plusSeconds(86_400), Instant.now());

        SandboxRules.Settlement settlement = new SandboxRules(declineAbove, pricePerCredit, currency).settle(request);

        if (expected.equals("DECLINE")) {
            assertEquals(new Decline(requestId, "Declined by the sandbox: amounts above " + declineAbove
                    + " are refused (test mode)"), settlement);
            assertEquals("sandbox_decline_" + requestId, settlement.idempotencyKey());
        } else {
            assertEquals(new Purchase(requestId, amount, "sandbox_" + requestId, Long.parseLong(expected), currency),
                    settlement);
            assertEquals("sandbox_" + requestId, settlement.idempotencyKey());
        }
    }

    @ParameterizedTest(name = "limit {0}, {1} {2} per credit is refused")
    @CsvSource(textBlock = """
            100000,              1,   eur
            100000,              1,   EURO
            100000,              1,   ''
            -1,                  1,   EUR
            100000,              -1,  EUR
            1000000000000,       10000000, EUR
            """)
    void refusesSettingsItCannotPriceWith(long declineAbove, long pricePerCredit, String currency) {
        assertThrows(IllegalArgumentException.class, () -> new SandboxRules(declineAbove, pricePerCredit, currency));
    }
}
