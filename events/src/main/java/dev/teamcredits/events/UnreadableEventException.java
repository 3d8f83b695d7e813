package dev.teamcredits.events;

/** A record a consumer cannot apply: it belongs on the dead-letter topic, not in a retry loop. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String reason, Throwable cause) {
        super("Unreadable event: " + reason, cause);
    }
}
