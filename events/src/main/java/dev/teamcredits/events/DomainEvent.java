package dev.teamcredits.events;

import java.util.UUID;

/**
 * The data of an event we publish. Every event belongs to one organization: its id is the
 * Kafka key (so one org's events stay in order on one partition) and the CloudEvents subject.
 */
public interface DomainEvent {

    UUID orgId();
}
