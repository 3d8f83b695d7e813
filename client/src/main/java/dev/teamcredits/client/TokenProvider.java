package dev.teamcredits.client;

/**
 * Where the client gets the bearer token for each request. The client asks before every attempt, so a provider
 * should cache ({@link ClientCredentialsTokenProvider} does); a lambda returning a token the caller holds works
 * too: {@code builder().tokenProvider(() -> session.accessToken())}. Must be safe to call from several threads.
 */
@FunctionalInterface
public interface TokenProvider {

    /** A valid access token (without the {@code Bearer } prefix). */
    String token();

    /**
     * The service refused {@code token} (401): forget it, so the next {@link #token()} fetches a new one. The client
     * then retries the request once. Does nothing by default.
     */
    default void invalidate(String token) {
    }
}
