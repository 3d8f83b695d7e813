package dev.teamcredits.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * How long the shared tables that only grow keep their rows ({@code dev.teamcredits.common.retention.Retention}
 * deletes the rest). Each window counts from when the row was written (published, for outbox rows).
 */
@ConfigMapping(prefix = "teamcredits.retention")
public interface RetentionConfig {

    /**
     * How long an {@code Idempotency-Key} is kept: a retry inside this window replays the first
     * result; after it, the same key is a new request. At least 24 hours (the start fails otherwise).
     */
    @WithDefault("P1D")
    @DurationMin(hours = 24)
    Duration idempotencyKeys();

    /**
     * How long a consumer remembers the id of an event it applied, so that a redelivery changes
     * nothing. Keep it longer than any record can stay in Kafka (topic retention, 30 days in
     * production, plus up to one log segment's age): then even a consumer group whose offsets were
     * lost and that re-reads a topic from the beginning applies nothing twice.
     */
    @WithDefault("P45D")
    Duration processedEvents();

    /** How long published outbox rows are kept for inspection; unpublished rows are never deleted. */
    @WithDefault("P7D")
    Duration publishedOutbox();

    /** Most rows one delete statement removes, so that each holds its locks only briefly. */
    @WithDefault("1000")
    @Min(1)
    int chunkSize();

    /** How often the retention job runs (read by its schedule; {@code off} stops it). */
    @WithDefault("10m")
    String interval();
}
