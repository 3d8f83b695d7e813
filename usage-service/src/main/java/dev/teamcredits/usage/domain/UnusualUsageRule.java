package dev.teamcredits.usage.domain;

import dev.teamcredits.events.usage.UnusualUsage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * A member's day is unusual when its credits reach {@code minCredits} and exceed {@code factor} times
 * the member's average daily credits over the {@code trailingDays} days before it. A member with no
 * usage in that window has no average and is never flagged: a first big day is new, not unusual.
 */
public record UnusualUsageRule(double factor, int trailingDays, long minCredits) {

    /** The first day of the window the average is taken over; the window ends the day before {@code day}. */
    public LocalDate windowStart(LocalDate day) {
        return day.minusDays(trailingDays);
    }

    public double trailingAverage(long trailingCredits) {
        return (double) trailingCredits / trailingDays;
    }

    /**
     * @param dayCredits      the member's credits on the day
     * @param trailingCredits their credits over the window before it
     */
    public boolean isUnusual(long dayCredits, long trailingCredits) {
        double average = trailingAverage(trailingCredits);
        boolean usual = dayCredits < minCredits || average == 0 || dayCredits <= factor * average;
        return !usual;
    }

    /** The alert for the member's day, or none when the day is not unusual. */
    public Optional<UnusualUsage> alert(UUID orgId, String userId, LocalDate day, long dayCredits,
            long trailingCredits, Instant at) {
        if (!isUnusual(dayCredits, trailingCredits)) {
            return Optional.empty();
        }
        return Optional.of(new UnusualUsage(orgId, userId, day, dayCredits, trailingAverage(trailingCredits),
                trailingDays, factor, at));
    }
}
