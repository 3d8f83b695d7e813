package dev.teamcredits.usage.service;

import dev.teamcredits.common.rest.ProblemException;
import dev.teamcredits.usage.domain.DailySeries;

/** The problems only the usage API answers (org access problems are common's {@code OrgProblems}). */
public final class UsageProblems {

    private UsageProblems() {
    }

    public static ProblemException cycleNotFound(String cycle) {
        return new ProblemException("cycle-not-found", "Cycle not found", 404,
                "This org has no cycle starting " + cycle + ".");
    }

    public static ProblemException invalidCycle() {
        return new ProblemException("invalid-cycle", "Invalid cycle", 400,
                "cycle is 'current' or a cycle's start date (yyyy-mm-dd).");
    }

    public static ProblemException invalidRange() {
        return new ProblemException("invalid-range", "Invalid date range", 400,
                "from must not be after to, and the range is at most " + DailySeries.MAX_SPAN_DAYS + " days.");
    }

    /** The same answer as common's {@code Cursors.decode} for a cursor this API did not return. */
    public static ProblemException invalidCursor() {
        return new ProblemException("invalid-cursor", "Invalid cursor", 400,
                "The cursor is not one this API returned for this list.");
    }

    public static ProblemException invalidDate() {
        return new ProblemException("invalid-date", "Invalid date", 400, "from and to are required yyyy-mm-dd dates.");
    }
}
