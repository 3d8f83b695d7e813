package dev.teamcredits.notification.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expected values are HMAC-SHA256 computed outside Java ({@code openssl dgst -sha256 -mac HMAC -macopt hexkey:…
 * -binary | base64}); the first is the Standard Webhooks libraries' own test vector.
 */
class WebhookSignatureTest {

    @ParameterizedTest(name = "secret {0}, delivery {1}, at {2}")
    @CsvSource(delimiter = '|', value = {
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw | msg_p5jXN8AQM9LWM0D4loKWxJek | 1614265330 "
                    + "| {\"test\": 2432232314} | v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            // A secret registered before the switch ("a-receiver-secret-of-ours"), as the migration rewrote it.
            "whsec_YS1yZWNlaXZlci1zZWNyZXQtb2Ytb3Vycw== | d1 | 1767225600 | {\"type\":\"x\"} "
                    + "| v1,aCx8UiFyV2txIx5CUT5D4CtfiAKO1sDY82r9WbJVuCQ=" })
    void theSignatureIsV1AndTheBase64HmacOfIdTimestampAndBodyKeyedWithTheDecodedSecret(String secret,
            String deliveryId, long timestamp, String body, String signature) throws Exception {
        assertEquals(signature, WebhookSignature.sign(secret, deliveryId, timestamp, body));
        assertEquals(signature, new Webhook(secret).sign(deliveryId, timestamp, body), "the reference library agrees");
    }

    @Test
    void theReferenceLibraryVerifiesASignedCallAndRefusesAnotherSecretAnotherBodyOrAnOldTimestamp() throws Exception {
        String secret = WebhookSignature.secret("0123456789abcdef01234567".getBytes(StandardCharsets.US_ASCII));
        long now = System.currentTimeMillis() / 1000;
        String body = "{\"type\":\"dev.teamcredits.ledger.transfer.completed.v1\"}";
        new Webhook(secret).verify(body, headers("d-1", now, WebhookSignature.sign(secret, "d-1", now, body)));

        String other = WebhookSignature.secret("another-key-of-24-bytes!".getBytes(StandardCharsets.US_ASCII));
        assertRefused(secret, body, headers("d-1", now, WebhookSignature.sign(other, "d-1", now, body)));
        assertRefused(secret, body + " ", headers("d-1", now, WebhookSignature.sign(secret, "d-1", now, body)));
        long old = now - WebhookSignature.TOLERANCE_SECONDS - 10;
        assertRefused(secret, body, headers("d-1", old, WebhookSignature.sign(secret, "d-1", old, body)));
    }

    @Test
    void aSecretIsWhsecAndCanonicalStandardBase64() {
        byte[] key = {(byte) 0xfb, (byte) 0xff, 0x01};
        assertEquals("whsec_+/8B", WebhookSignature.secret(key));
        assertArrayEquals(key, WebhookSignature.key("whsec_+/8B").orElseThrow());
        assertArrayEquals("ab".getBytes(StandardCharsets.US_ASCII), WebhookSignature.key("whsec_YWI=").orElseThrow());
    }

    @ParameterizedTest(name = "\"{0}\" is no secret")
    @ValueSource(strings = {"", "whsec_", "YWJjZA==", "whsec_-_8B", "whsec_YWI", "whsec_YW I=", "whsec_YWI==",
            "WHSEC_YWJjZA==", "whsec_YWJjZA==\n"})
    void anythingElseIsNoSecret(String secret) {
        assertTrue(WebhookSignature.key(secret).isEmpty());
    }

    private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }

    private static void assertRefused(String secret, String body, Map<String, List<String>> headers) {
        try {
            new Webhook(secret).verify(body, headers);
        } catch (com.standardwebhooks.exceptions.WebhookVerificationException e) {
            return;
        }
        throw new AssertionError("verified: " + headers);
    }
}
