package dev.teamcredits.notification.domain;

/**
 * A ledger event as the live stream shows it, so a page can update balances at once.
 *
 * @param type the CloudEvent type
 * @param data the JSON of the CloudEvent's {@code data}
 */
public record LedgerChange(String type, String eventId, String data) {
}
