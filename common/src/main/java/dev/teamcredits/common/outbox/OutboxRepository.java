package dev.teamcredits.common.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Outbox rows through Hibernate Reactive: how a Panache service appends its events ({@link Outbox}). */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {
}
