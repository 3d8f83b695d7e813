package dev.teamcredits.team.domain;

import java.util.Locale;

/**
 * An invitation is for an email address, and only a token carrying that address accepts it: the
 * invitee joins with the invited role, and with pool access only when the invitation grants it (off
 * by default: pool access is something an admin grants).
 */
public final class InvitationAcceptance {

    private InvitationAcceptance() {
    }

    /** The address an invitation is sent to, as stored and compared: trimmed and lower-cased. */
    public static String address(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether a token with {@code tokenEmail} (lower-cased) may accept an invitation to {@code invitedAddress}. */
    public static boolean isInvitee(String invitedAddress, String tokenEmail) {
        return invitedAddress.equals(tokenEmail);
    }

    /** The pool access an invitee will join with, given what the invitation asked for (null: not said). */
    public static boolean poolAccess(Boolean granted) {
        return Boolean.TRUE.equals(granted);
    }
}
