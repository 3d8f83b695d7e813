package dev.teamcredits.ledger.domain;

/**
 * Where a top-up request stands: it waits for the billing backend, which completes it with a purchase or
 * declines it; unsettled by its expiry, it expires. Only a waiting request can be declined or expire; a
 * purchase can complete a waiting or an expired one (the payment was taken: the credits are not refused).
 */
public enum TopUpStatus {
    AWAITING_PAYMENT, COMPLETED, DECLINED, EXPIRED;

    /** As the API writes it: {@code awaiting-payment}, {@code completed}… */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public boolean mayBeCompleted() {
        return this == AWAITING_PAYMENT || this == EXPIRED;
    }
}
