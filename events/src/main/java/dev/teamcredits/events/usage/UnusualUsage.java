package dev.teamcredits.events.usage;

import dev.teamcredits.events.EventType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A member's credits on one day went far above their trailing daily average (the rule and its
 * thresholds are the usage service's configuration). At most one per member per day.
 *
 * @param trailingAverage average daily credits over the {@code trailingDays} before {@code day}
 */
@EventType(name = "usage.unusual", version = 1)
public record UnusualUsage(UUID orgId, String userId, LocalDate day, long credits, double trailingAverage,
        int trailingDays, double factor, Instant at) implements UsageEvent {
}
