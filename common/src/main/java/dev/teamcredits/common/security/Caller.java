package dev.teamcredits.common.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from the verified bearer token. Users are identified by the subject; a backend
 * with a client-credentials token has no email.
 *
 * @param clientId the OAuth client the token was issued to ({@code azp})
 */
public record Caller(String subject, String email, String displayName, String clientId) {

    public static Caller of(JsonWebToken token) {
        String name = token.getClaim("name");
        if (name == null) {
            name = token.getClaim("preferred_username");
        }
        String email = token.getClaim("email");
        return new Caller(token.getSubject(), email == null ? null : email.toLowerCase(java.util.Locale.ROOT), name,
                token.getClaim("azp"));
    }

    public boolean hasEmail() {
        return email != null && email.contains("@");
    }
}
