package dev.teamcredits.notification.service;

import dev.teamcredits.notification.config.NotificationConfig;
import dev.teamcredits.notification.domain.OutboundTarget;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Resolves a webhook's host and judges it by {@link OutboundTarget}, off the event loop (name
 * resolution blocks). An unknown host is judged as having no address: refused.
 */
@ApplicationScoped
public class WebhookTargets {

    private final Set<String> allowedHosts;

    public WebhookTargets(NotificationConfig config) {
        this.allowedHosts = config.webhook().allowedHosts().orElse(Set.of());
    }

    public Uni<OutboundTarget.Verdict> judge(URI url) {
        if (OutboundTarget.isAllowListed(url, allowedHosts) || !"https".equalsIgnoreCase(url.getScheme())) {
            // Decided by the name and scheme alone: no lookup.
            return Uni.createFrom().item(OutboundTarget.judge(url, List.of(), allowedHosts));
        }
        return Uni.createFrom().item(() -> OutboundTarget.judge(url, resolve(url.getHost()), allowedHosts))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static List<InetAddress> resolve(String host) {
        try {
            return Arrays.asList(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }
}
