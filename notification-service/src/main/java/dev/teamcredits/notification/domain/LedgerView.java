package dev.teamcredits.notification.domain;

import dev.teamcredits.events.EventCatalog;
import dev.teamcredits.events.ledger.LedgerEvent;

/**
 * What one person is shown of a ledger event: the event (whole, or with what they may not read left
 * out) or only the pool's numbers.
 *
 * @param type the CloudEvent type of the event, or {@link PoolBalance#TYPE}
 * @param data a {@link LedgerEvent} or a {@link PoolBalance}
 */
public record LedgerView(String type, Object data) {

    public static LedgerView of(LedgerEvent event) {
        return new LedgerView(EventCatalog.typeOf(event.getClass()), event);
    }

    public static LedgerView of(PoolBalance pool) {
        return new LedgerView(PoolBalance.TYPE, pool);
    }
}
