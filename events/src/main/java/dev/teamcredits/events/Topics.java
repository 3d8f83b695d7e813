package dev.teamcredits.events;

/** The Kafka topics of the product; every record is keyed by org id. */
public final class Topics {

    /** Membership changes, published by the team service. */
    public static final String TEAM = "team.events";
    /** Money movements, published by the ledger service. */
    public static final String LEDGER = "ledger.events";
    /** Usage alerts, published by the usage service. */
    public static final String USAGE = "usage.events";

    private Topics() {
    }
}
