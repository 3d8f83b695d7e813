package dev.teamcredits.systemtests;

import dev.teamcredits.client.ClientCredentialsTokenProvider;
import dev.teamcredits.client.TeamCreditsClient;
import dev.teamcredits.systemtests.Api.Who;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Java client ({@code team-credits-client}) as the product's backends configure it, on the stack's services:
 * one client per caller for the whole run, as a backend keeps one per process.
 */
final class Clients {

    private static final Map<Who, TeamCreditsClient> CLIENTS = new ConcurrentHashMap<>();

    private Clients() {
    }

    /** A backend (scraper-backend, billing-backend…) with its own client credentials from Keycloak. */
    static TeamCreditsClient backend(Who backend) {
        if (backend.username() != null) {
            throw new IllegalArgumentException(backend + " is a user, not a backend");
        }
        return CLIENTS.computeIfAbsent(backend, who -> services().clientCredentials(tokenEndpoint(), who.clientId(),
                who.secret()).build());
    }

    /** The client with a realm user's token (a front end's backend calling for its signed-in user). */
    static TeamCreditsClient user(Who user) {
        Api api = SystemStack.api();
        return CLIENTS.computeIfAbsent(user, who -> services().tokenProvider(() -> api.token(who)).build());
    }

    /** A builder pointing at the stack's ledger, usage and team services, for a test's own configuration. */
    static TeamCreditsClient.Builder services() {
        Api api = SystemStack.api();
        return TeamCreditsClient.builder().ledgerUrl(api.ledger()).usageUrl(api.usage()).teamUrl(api.team())
                .userAgent("system-tests");
    }

    /** The stack's Keycloak realm's token endpoint. */
    static String tokenEndpoint() {
        return ClientCredentialsTokenProvider.keycloakTokenEndpoint(SystemStack.get().oidcUrl()).toString();
    }
}
