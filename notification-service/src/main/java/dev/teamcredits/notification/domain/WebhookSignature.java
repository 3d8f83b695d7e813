package dev.teamcredits.notification.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How webhook calls are signed: Standard Webhooks (https://www.standardwebhooks.com), exactly, so a receiver
 * verifies them with any of its libraries. A secret is {@code whsec_} and the standard base64 (with padding) of
 * the key bytes; {@code webhook-signature} is {@code v1,} and the standard base64 of the HMAC-SHA256, keyed with
 * those bytes, of {@code <webhook-id>.<webhook-timestamp>.<body>}. The receiver recomputes it, rejects a timestamp
 * more than five minutes off (a replayed old call) and ignores a {@code webhook-id} it has processed.
 */
public final class WebhookSignature {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";

    /** What starts every secret. */
    public static final String SECRET_PREFIX = "whsec_";
    /** How far a receiver lets the timestamp be from its clock, as the Standard Webhooks libraries do. */
    public static final long TOLERANCE_SECONDS = 300;

    private WebhookSignature() {
    }

    /** The {@code webhook-signature} value of one call. */
    public static String sign(String secret, String deliveryId, long timestamp, String body) {
        byte[] key = key(secret).orElseThrow(() -> new IllegalArgumentException("not a whsec_ secret"));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((deliveryId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key bytes of a secret: {@code whsec_} and canonical standard base64 (the alphabet with {@code +} and
     * {@code /}, padded with {@code =}), which every Standard Webhooks library decodes the same way; empty for
     * anything else.
     */
    public static Optional<byte[]> key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            return Optional.empty();
        }
        String encoded = secret.substring(SECRET_PREFIX.length());
        try {
            byte[] key = Base64.getDecoder().decode(encoded);
            // The decoder also takes unpadded text; a receiver's library may not, so only the canonical form.
            return key.length > 0 && Base64.getEncoder().encodeToString(key).equals(encoded) ? Optional.of(key)
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A secret for these key bytes. */
    public static String secret(byte[] key) {
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }
}
