package dev.teamcredits.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens verified once, not on every request. OIDC checks a JWT's RSA signature, issuer,
 * audience and expiry on each request, about a third of a spend's CPU in JFR, while a backend or a
 * page sends the same token for minutes. So the identity OIDC builds for a token is kept, keyed by
 * the token's exact text (a changed byte is a new key, verified afresh), until the token expires and
 * never longer. Only tokens that passed are kept: a refused one is checked again every time. At most
 * {@value #MAX_TOKENS} tokens are kept. Revocation is unchanged: OIDC verifies JWTs locally, so a
 * token was valid until its expiry before this cache too.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements HttpAuthenticationMechanism {

    private static final int MAX_TOKENS = 10_000;
    private static final String BEARER = "Bearer ";

    private record Verified(SecurityIdentity identity, Instant expiresAt) {
    }

    private final OidcAuthenticationMechanism oidc;
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(MAX_TOKENS)
            .expireAfter(Expiry.<String, Verified>creating((token, v) -> java.time.Duration.between(Instant.now(),
                    v.expiresAt())))
            .build();

    public VerifiedTokens(OidcAuthenticationMechanism oidc) {
        this.oidc = oidc;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim() : null;
        if (token != null) {
            Verified known = verified.getIfPresent(token);
            if (known != null && Instant.now().isBefore(known.expiresAt())) {
                return Uni.createFrom().item(known.identity());
            }
        }
        return oidc.authenticate(context, identities).invoke(identity -> remember(token, identity));
    }

    private void remember(String token, SecurityIdentity identity) {
        if (token == null || identity == null || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        Instant expiresAt = Instant.ofEpochSecond(jwt.getExpirationTime());
        if (Instant.now().isBefore(expiresAt)) {
            verified.put(token, new Verified(withoutRequest(identity), expiresAt));
        }
    }

    /** The identity without attributes that belong to the request that verified it (its routing context). */
    private static SecurityIdentity withoutRequest(SecurityIdentity identity) {
        Map<String, Object> attributes = identity.getAttributes().entrySet().stream()
                .filter(e -> !(e.getValue() instanceof RoutingContext))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return QuarkusSecurityIdentity.builder().setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials()).addRoles(identity.getRoles()).addAttributes(attributes)
                .build();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return oidc.getChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return oidc.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return oidc.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        return oidc.getPriority() + 1;
    }
}
