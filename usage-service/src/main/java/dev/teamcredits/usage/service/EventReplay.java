package dev.teamcredits.usage.service;

import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** Replays the topics the projection is built from; the messaging layer implements it. */
public interface EventReplay {

    /**
     * Pauses the consumers, runs {@code whilePaused} (which drops the projection), then seeks every
     * partition to the beginning and resumes.
     */
    Uni<Void> replayFromStart(Supplier<Uni<Void>> whilePaused);
}
