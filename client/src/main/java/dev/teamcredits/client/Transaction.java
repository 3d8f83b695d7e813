package dev.teamcredits.client;

import java.time.Instant;
import java.util.Map;

/**
 * One transaction of an org's history.
 *
 * @param type     {@code SPEND}, {@code TRANSFER}, {@code GRANT}, {@code PURCHASE}, {@code EXPIRY}…
 * @param actor    who made it (a user id, a client id, or the system)
 * @param reverses the transfer a reversal reverses
 * @param accounts net change per account ref, system accounts included (they sum to zero)
 */
public record Transaction(String id, Instant at, String type, long amount, String actor, String reason,
        String reverses, Map<String, Long> accounts) {
}
