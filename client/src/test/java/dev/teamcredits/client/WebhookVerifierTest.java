package dev.teamcredits.client;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.standardwebhooks.Webhook;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verifier against the Standard Webhooks reference library as the signer. */
class WebhookVerifierTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String BODY = "{\"type\":\"credits.transferred\",\"data\":{\"amount\":50,\"note\":\"é ✓\"}}";

    private final String secret = "whsec_" + Base64.getEncoder().encodeToString(randomKey());
    private final Webhook signer = new Webhook(secret);
    private final WebhookVerifier verifier = new WebhookVerifier(secret, WebhookVerifier.DEFAULT_TOLERANCE,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aDeliveryTheReferenceLibrarySignedIsAccepted() throws Exception {
        long at = NOW.getEpochSecond();
        String signature = signer.sign("msg_1", at, BODY);
        assertDoesNotThrow(() -> verifier.verify(BODY, headers("msg_1", at, signature)));
        assertEquals(signature, verifier.sign("msg_1", at, BODY), "the same signature as the reference signer");
    }

    @Test
    void headerNamesAreReadInAnyCase() throws Exception {
        long at = NOW.getEpochSecond();
        Map<String, List<String>> headers = Map.of("Webhook-Id", List.of("msg_2"), "WEBHOOK-TIMESTAMP",
                List.of(Long.toString(at)), "webhook-Signature", List.of(signer.sign("msg_2", at, BODY)));
        assertDoesNotThrow(() -> verifier.verify(BODY, headers));
    }

    @Test
    void whatTheReferenceLibraryAcceptsTheVerifierAcceptsToo() throws Exception {
        // The round trip the other way: the reference verifier takes our signature (its clock is the real one).
        long at = Instant.now().getEpochSecond();
        new Webhook(secret).verify(BODY, headers("msg_3", at, verifier.sign("msg_3", at, BODY)));
    }

    @Test
    void aSecretBeingRotatedSendsTwoSignaturesAndEitherMatches() throws Exception {
        long at = NOW.getEpochSecond();
        String old = new Webhook("whsec_" + Base64.getEncoder().encodeToString(randomKey())).sign("msg_4", at, BODY);
        String current = signer.sign("msg_4", at, BODY);
        assertDoesNotThrow(() -> verifier.verify(BODY, headers("msg_4", at, old + " " + current)));
    }

    @Test
    void aChangedBodyIdOrTimestampIsRefused() throws Exception {
        long at = NOW.getEpochSecond();
        String signature = signer.sign("msg_5", at, BODY);
        refused("no matching v1 signature", BODY.replace("50", "5000"), headers("msg_5", at, signature));
        refused("no matching v1 signature", BODY, headers("msg_6", at, signature));
        refused("no matching v1 signature", BODY, headers("msg_5", at - 1, signature));
    }

    @Test
    void anotherSecretsSignatureIsRefused() throws Exception {
        long at = NOW.getEpochSecond();
        String foreign = new Webhook("whsec_" + Base64.getEncoder().encodeToString(randomKey())).sign("msg_7", at,
                BODY);
        refused("no matching v1 signature", BODY, headers("msg_7", at, foreign));
    }

    @Test
    void aTimestampMoreThanFiveMinutesAwayIsRefusedEitherWay() throws Exception {
        long old = NOW.minus(Duration.ofMinutes(5)).minusSeconds(1).getEpochSecond();
        long future = NOW.plus(Duration.ofMinutes(5)).plusSeconds(1).getEpochSecond();
        long edge = NOW.minus(Duration.ofMinutes(5)).getEpochSecond();
        refused("too old", BODY, headers("msg_8", old, signer.sign("msg_8", old, BODY)));
        refused("too new", BODY, headers("msg_8", future, signer.sign("msg_8", future, BODY)));
        assertDoesNotThrow(() -> verifier.verify(BODY, headers("msg_8", edge, signer.sign("msg_8", edge, BODY))));
    }

    @Test
    void missingHeadersOtherVersionsAndGarbageAreRefused() throws Exception {
        long at = NOW.getEpochSecond();
        String signature = signer.sign("msg_9", at, BODY);
        refused("missing", BODY, Map.of("webhook-id", List.of("msg_9"), "webhook-timestamp",
                List.of(Long.toString(at))));
        refused("no matching", BODY, headers("msg_9", at, signature.replace("v1,", "v2,")));
        refused("no matching", BODY, headers("msg_9", at, "v1,not-base64!"));
        refused("not a number", BODY, Map.of("webhook-id", List.of("msg_9"), "webhook-timestamp", List.of("soon"),
                "webhook-signature", List.of(signature)));
    }

    @Test
    void aSecretWithoutItsPrefixIsTheSameSecret() throws Exception {
        long at = NOW.getEpochSecond();
        WebhookVerifier bare = new WebhookVerifier(secret.substring("whsec_".length()),
                WebhookVerifier.DEFAULT_TOLERANCE, Clock.fixed(NOW, ZoneOffset.UTC));
        assertDoesNotThrow(() -> bare.verify(BODY, headers("msg_10", at, signer.sign("msg_10", at, BODY))));
        assertThrows(IllegalArgumentException.class, () -> new WebhookVerifier("whsec_%%%"));
        assertThrows(IllegalArgumentException.class, () -> new WebhookVerifier("whsec_"));
    }

    private void refused(String why, String body, Map<String, List<String>> headers) {
        WebhookVerificationException e = assertThrows(WebhookVerificationException.class,
                () -> verifier.verify(body, headers));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }

    private static byte[] randomKey() {
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
