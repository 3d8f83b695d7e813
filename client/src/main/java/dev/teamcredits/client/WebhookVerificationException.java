package dev.teamcredits.client;

/**
 * A webhook delivery that must not be trusted: a header is missing, the timestamp is outside the tolerance, or no
 * signature matches. Answer it with a 4xx and do not act on it.
 */
public class WebhookVerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Says which check failed. */
    public WebhookVerificationException(String message) {
        super(message);
    }
}
