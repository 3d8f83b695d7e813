package dev.teamcredits.events.usage;

import dev.teamcredits.events.DomainEvent;

/** Events on {@code usage.events}. */
public sealed interface UsageEvent extends DomainEvent permits UnusualUsage {
}
