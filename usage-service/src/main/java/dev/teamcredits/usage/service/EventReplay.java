package dev.teamcredits.usage.service;

import java.time.Instant;
import java.util.Optional;

/** The topics the projection is built from, read outside the consumer group; the messaging layer implements it. */
public interface EventReplay {

    /**
     * The time from which every event of the topics is still on them: the latest, over the partitions that lost
     * records to retention, of the time of the first record each still has. Empty when no partition lost any, so
     * everything can be replayed. Blocking.
     */
    Optional<Instant> retainedSince();

    /**
     * Reads every partition of the topics from its first retained record up to its end as of now, with a consumer
     * of its own (not the group's, so it reads all partitions whichever replica runs it), and hands each record to
     * the consumers' apply path. Returns the number of records read. Blocking.
     */
    long replayAll();
}
