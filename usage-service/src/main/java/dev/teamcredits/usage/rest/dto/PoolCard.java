package dev.teamcredits.usage.rest.dto;

/**
 * The team page's pool card, for a progress bar.
 *
 * @param available right now, for the current cycle (null for a past one)
 * @param total     credits that entered the pool this cycle
 */
public record PoolCard(Long available, long total) {
}
