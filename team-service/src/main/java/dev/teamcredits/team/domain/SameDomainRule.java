package dev.teamcredits.team.domain;

import java.util.Locale;

/**
 * The optional org rule (on by default): an invitee's email domain must equal the inviting admin's.
 * It is checked when inviting, so switching it on later evicts nobody.
 */
public final class SameDomainRule {

    private SameDomainRule() {
    }

    /** The part after the last '@', lower-cased. */
    public static String domainOf(String email) {
        return email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** Whether an org whose rule is {@code on} admits {@code inviteeEmail}, invited by {@code adminEmail}. */
    public static boolean admits(boolean on, String adminEmail, String inviteeEmail) {
        return !on || domainOf(inviteeEmail).equals(domainOf(adminEmail));
    }
}
