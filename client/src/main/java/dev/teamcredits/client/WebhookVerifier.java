package dev.teamcredits.client;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a webhook delivery the notification service signed, in the Standard Webhooks format
 * (https://www.standardwebhooks.com): headers {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and
 * {@code webhook-signature} ({@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, several separated by spaces
 * while a secret is rotated), keyed with the base64 part of the endpoint's {@code whsec_…} secret. A timestamp more
 * than five minutes from now either way is refused, so a captured delivery cannot be replayed later; the
 * {@code webhook-id} is the same on every retry of one delivery, so a receiver can use it to drop duplicates.
 * Thread-safe.
 *
 * <pre>{@code
 * WebhookVerifier verifier = new WebhookVerifier(System.getenv("TEAM_CREDITS_WEBHOOK_SECRET"));
 * verifier.verify(rawBody, request.headers()); // throws WebhookVerificationException
 * }</pre>
 */
public final class WebhookVerifier {

    /** The tolerance Standard Webhooks recommends. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final String PREFIX = "whsec_";

    private final byte[] key;
    private final Duration tolerance;
    private final Clock clock;

    /** A verifier for the endpoint's secret ({@code whsec_} and base64; the prefix may be left out). */
    public WebhookVerifier(String secret) {
        this(secret, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    /** The same with another tolerance and clock (tests, or a receiver whose clock is known to drift). */
    public WebhookVerifier(String secret, Duration tolerance, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        try {
            this.key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is whsec_ followed by base64", e);
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("a webhook secret must not be empty");
        }
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verifies a delivery from its headers as a server hands them over (names in any case).
     *
     * @param body    the raw request body, exactly as received (not re-serialised JSON)
     * @param headers the request headers
     */
    public void verify(String body, Map<String, List<String>> headers) {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        verify(first(byName, "webhook-id"), first(byName, "webhook-timestamp"), first(byName, "webhook-signature"),
                body);
    }

    /** Verifies a delivery from the three header values and the raw body. */
    public void verify(String id, String timestamp, String signatures, String body) {
        if (id == null || timestamp == null || signatures == null) {
            throw new WebhookVerificationException("missing webhook-id, webhook-timestamp or webhook-signature");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("webhook-timestamp is not a number of seconds");
        }
        Instant sent = Instant.ofEpochSecond(seconds);
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(tolerance))) {
            throw new WebhookVerificationException("webhook-timestamp is too old");
        }
        if (sent.isAfter(now.plus(tolerance))) {
            throw new WebhookVerificationException("webhook-timestamp is too new");
        }
        byte[] expected = hmac(id + "." + seconds + "." + Objects.requireNonNullElse(body, ""));
        for (String candidate : signatures.trim().split(" +")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).toLowerCase(Locale.ROOT).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            // Constant time: the comparison tells an attacker nothing about how much of a guess was right.
            if (MessageDigest.isEqual(expected, given)) {
                return;
            }
        }
        throw new WebhookVerificationException("no matching v1 signature");
    }

    /** The {@code webhook-signature} value for a delivery: what the sender computes (for tests of receivers). */
    public String sign(String id, long timestampSeconds, String body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(id + "." + timestampSeconds + "." + body));
    }

    private byte[] hmac(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
