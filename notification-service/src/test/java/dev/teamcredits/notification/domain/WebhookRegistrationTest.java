package dev.teamcredits.notification.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookRegistrationTest {

    private static final String TRANSFER = "dev.teamcredits.ledger.transfer.completed.v1";
    private static final List<String> ALL = List.of("dev.teamcredits.ledger.balance.low.v1",
            "dev.teamcredits.ledger.credits.operator-granted.v1", "dev.teamcredits.ledger.pool.empty.v1",
            "dev.teamcredits.ledger.purchase.completed.v1", "dev.teamcredits.ledger.reservation.released.v1",
            "dev.teamcredits.ledger.top-up.declined.v1", "dev.teamcredits.ledger.top-up.expired.v1", TRANSFER,
            "dev.teamcredits.team.member.joined.v1", "dev.teamcredits.team.member.removed.v1",
            "dev.teamcredits.usage.unusual.v1");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "https://hooks.example.com/team-credits, true",
            "http://127.0.0.1:9/hook, true",
            "HTTPS://Hooks.Example.com/x, true",
            "ftp://example.org/x, false",
            "/relative/hook, false",
            "https:///no-host, false",
            "mailto:ops@example.com, false",
            "'http://exa mple.com/', false",
            "not a url, false" })
    void aWebhookUrlIsAnAbsoluteHttpOrHttpsUrlWithAHost(String url, boolean valid) {
        assertEquals(valid, WebhookRegistration.isValidUrl(url));
    }

    @ParameterizedTest(name = "asked [{0}] → [{1}]")
    @CsvSource(delimiter = '|', value = {
            " | ALL",
            "'' | ALL",
            TRANSFER + " | " + TRANSFER,
            TRANSFER + "," + TRANSFER + ",dev.teamcredits.ledger.pool.empty.v1 | " + TRANSFER
                    + ",dev.teamcredits.ledger.pool.empty.v1",
            "nope | nope" })
    void aWebhookGetsTheTypesItAskedForOnceOrAllOfThem(String asked, String types) {
        List<String> askedTypes = asked == null ? null : asked.isEmpty() ? List.of() : List.of(asked.split(","));
        List<String> expected = types.equals("ALL") ? ALL : Arrays.asList(types.split(","));
        assertEquals(expected, WebhookRegistration.eventTypes(askedTypes));
    }

    @ParameterizedTest(name = "{0} subscribable: {1}")
    @CsvSource({
            TRANSFER + ", true",
            "dev.teamcredits.usage.unusual.v1, true",
            "dev.teamcredits.team.member.removed.v1, true",
            "dev.teamcredits.ledger.purchase.completed.v1, true",
            "dev.teamcredits.ledger.top-up.declined.v1, true",
            "dev.teamcredits.ledger.top-up.expired.v1, true",
            "dev.teamcredits.ledger.credits.operator-granted.v1, true",
            "dev.teamcredits.ledger.top-up.requested.v1, false",
            "dev.teamcredits.ledger.credits.granted.v1, false",
            "dev.teamcredits.ledger.credits.spent.v1, false",
            "dev.teamcredits.team.org.created.v1, false",
            "nope, false" })
    void onlyEventsThatTellPeopleSomethingCanBeSubscribed(String type, boolean subscribable) {
        assertEquals(subscribable, WebhookRegistration.isSubscribable(type));
    }

    @Test
    void aGeneratedSecretIsTheRandomBytesInStandardBase64WithPadding() {
        byte[] random = new byte[WebhookRegistration.SECRET_BYTES];
        Arrays.fill(random, (byte) 0xfb);
        String secret = WebhookRegistration.generatedSecret(random);
        assertEquals("whsec_" + "+/v7".repeat(10) + "+/s=", secret);
        assertTrue(WebhookRegistration.isValidSecret(secret), "as an admin may give one");
        assertArrayEquals(random, WebhookSignature.key(secret).orElseThrow());
    }

    @ParameterizedTest(name = "{0} bytes → {1}")
    @CsvSource({ "0, false", "16, false", "23, false", "24, true", "32, true", "64, true", "65, false",
            "200, false" })
    void aGivenSecretHas24To64Bytes(int bytes, boolean valid) {
        byte[] key = new byte[bytes];
        Arrays.fill(key, (byte) 7);
        assertEquals(valid, WebhookRegistration.isValidSecret("whsec_" + Base64.getEncoder().encodeToString(key)));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "a-receiver-secret-of-ours-long-enough-to-count", "whsec_abc",
            "whsec_-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_s", "whsec_+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/v7+/s" })
    void aGivenSecretThatIsNoCanonicalWhsecSecretIsRefused(String secret) {
        // The old generated form (base64url), the same without padding, and any other text.
        assertFalse(WebhookRegistration.isValidSecret(secret));
    }
}
