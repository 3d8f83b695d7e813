package dev.teamcredits.notification.domain;

import dev.teamcredits.events.EventCatalog;
import dev.teamcredits.events.ledger.LowBalance;
import dev.teamcredits.events.ledger.OperatorGranted;
import dev.teamcredits.events.ledger.PoolEmpty;
import dev.teamcredits.events.ledger.PurchaseCompleted;
import dev.teamcredits.events.ledger.ReservationReleased;
import dev.teamcredits.events.ledger.TopUpDeclined;
import dev.teamcredits.events.ledger.TopUpExpired;
import dev.teamcredits.events.ledger.TransferCompleted;
import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.MemberRemoved;
import dev.teamcredits.events.usage.UnusualUsage;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an org webhook may be registered with: an absolute http(s) URL with a host; any of the
 * event types that tell people something (all of them when none are named); the admin's secret (a
 * Standard Webhooks secret of 24 to 64 bytes, see {@link WebhookSignature}) or a generated one.
 */
public final class WebhookRegistration {

    /**
     * The events an org's webhooks can subscribe to: those that tell people something (not a top-up request,
     * which tells no one: its purchase, decline or expiry does). Only an org's events reach its webhooks.
     */
    public static final Set<String> SUBSCRIBABLE_TYPES = Set.of(EventCatalog.typeOf(TransferCompleted.class),
            EventCatalog.typeOf(LowBalance.class), EventCatalog.typeOf(PoolEmpty.class),
            EventCatalog.typeOf(ReservationReleased.class), EventCatalog.typeOf(UnusualUsage.class),
            EventCatalog.typeOf(MemberJoined.class), EventCatalog.typeOf(MemberRemoved.class),
            EventCatalog.typeOf(PurchaseCompleted.class), EventCatalog.typeOf(TopUpDeclined.class),
            EventCatalog.typeOf(TopUpExpired.class), EventCatalog.typeOf(OperatorGranted.class));

    /** How many random bytes a generated secret has. */
    public static final int SECRET_BYTES = 32;
    /** The fewest and most key bytes a given secret may have: Standard Webhooks' 24 to 64. */
    public static final int MIN_SECRET_BYTES = 24;
    public static final int MAX_SECRET_BYTES = 64;

    private WebhookRegistration() {
    }

    /** The types a webhook gets: those asked for, each once, or every subscribable type (sorted) if none. */
    public static List<String> eventTypes(List<String> asked) {
        return asked == null || asked.isEmpty() ? SUBSCRIBABLE_TYPES.stream().sorted().toList()
                : asked.stream().distinct().toList();
    }

    public static boolean isSubscribable(String type) {
        return SUBSCRIBABLE_TYPES.contains(type);
    }

    public static boolean isValidUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return uri.isAbsolute() && (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A secret an admin may give: {@code whsec_} and the standard base64 (padded) of 24 to 64 bytes. */
    public static boolean isValidSecret(String secret) {
        return WebhookSignature.key(secret).map(k -> k.length >= MIN_SECRET_BYTES && k.length <= MAX_SECRET_BYTES)
                .orElse(false);
    }

    /** A generated secret: {@code whsec_} and the random bytes in standard base64 with padding. */
    public static String generatedSecret(byte[] random) {
        return WebhookSignature.secret(random);
    }
}
