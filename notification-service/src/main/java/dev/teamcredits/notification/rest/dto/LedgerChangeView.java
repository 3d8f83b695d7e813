package dev.teamcredits.notification.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A ledger change on the live stream ({@code ledger} events).
 *
 * @param type the CloudEvent type, e.g. {@code dev.teamcredits.ledger.transfer.completed.v1}
 * @param data the CloudEvent's {@code data}
 */
public record LedgerChangeView(String type, String eventId, JsonNode data) {
}
