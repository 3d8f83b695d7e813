package dev.teamcredits.events;

import java.util.UUID;

/**
 * The data of an event we publish. Nearly every event belongs to one organization: its id is the
 * Kafka key (so one org's events stay in order on one partition) and the CloudEvents subject.
 * Events about a personal balance belong to no org and are keyed by the user instead.
 */
public interface DomainEvent {

    /** The org, or null for an event about a personal balance. */
    UUID orgId();

    /** Kafka key and CloudEvents subject. */
    default String key() {
        return orgId().toString();
    }
}
