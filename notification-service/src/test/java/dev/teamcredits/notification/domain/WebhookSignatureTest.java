package dev.teamcredits.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values are HMAC-SHA256 computed outside Java ({@code openssl dgst -sha256 -hmac}). */
class WebhookSignatureTest {

    @ParameterizedTest(name = "secret {0}, delivery {1}, at {2}")
    @CsvSource(delimiter = '|', value = {
            "a-receiver-secret-of-ours | 0b6a7f52-1d3c-4c9e-9a57-3f3f0e0c1a2b | 1767225600 | {\"type\":\"x\"} "
                    + "| v1=f59299cb64c9132cb55bfc189da13be95a11c7a3a3b3f4d52cb81fd4c0dec443",
            "whsec_abc | d1 | 0 | '' | v1=3e2b51362086d38b7722516e3e6fa2e92bbfb9fef3e363b962567bd670ce1cff",
            "s3cr3t-s3cr3t-s3cr3t | d1 | 1767225600 | {\"type\":\"x\"} "
                    + "| v1=0b4238b87bb6777b2986e198398118462adf493fe8ad8506d50db65263217667",
            // One second later is another signature: a replayed old call cannot pass as a fresh one.
            "s3cr3t-s3cr3t-s3cr3t | d1 | 1767225601 | {\"type\":\"x\"} "
                    + "| v1=3e943824c6ffbfc098c9f9b5cf7e452f620028d6f0fa82173453665151267ff2" })
    void theSignatureIsTheHmacOfIdTimestampAndBodyWithTheWebhooksSecret(String secret, String deliveryId,
            long timestamp, String body, String signature) {
        assertEquals(signature, WebhookSignature.sign(secret, deliveryId, timestamp, body));
    }
}
