package dev.teamcredits.common.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A row of the transactional outbox: one CloudEvent waiting for (or done with) Kafka. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    /** Commit order within an org is guaranteed by the writers locking the org; seq orders publishing. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(nullable = false, unique = true)
    public UUID id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "message_key", nullable = false)
    public String messageKey;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    /**
     * The structured-mode CloudEvent JSON, stored as jsonb so operators can query it. The parameter
     * goes through text: bound straight to jsonb, the reactive client would store the Java string as
     * a JSON string literal.
     */
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(read = "payload::text", write = "?::text::jsonb")
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "published_at")
    public Instant publishedAt;
}
