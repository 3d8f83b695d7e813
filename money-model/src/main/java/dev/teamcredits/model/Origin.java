package dev.teamcredits.model;

/** Where credits come from (SPEC's "Where credits come from"): nothing else creates any. */
public enum Origin {
    /** The plan's subscription allocation, at each cycle start. */
    ALLOCATION,
    /** Free credits, when a personal balance opens. */
    FREE,
    /** A purchase the billing backend recorded. */
    PURCHASE,
    /** An operator's grant, with a reason. */
    GRANT,
    /** Credits a personal balance held before the model met it ({@link MoneyModel#openPersonal}). */
    EXISTING
}
