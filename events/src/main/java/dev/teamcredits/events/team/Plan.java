package dev.teamcredits.events.team;

/** Subscription plans. BASIC has no team accounts: an org can never be on it. */
public enum Plan {
    BASIC, PRO, PRO_PLUS, ENTERPRISE
}
