package dev.teamcredits.usage.rest;

import dev.teamcredits.common.rest.OrgProblems;
import dev.teamcredits.common.rest.PathIds;
import dev.teamcredits.common.rest.ProblemResponsesFilter;
import dev.teamcredits.usage.service.UsageProblems;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** The usage API's path and query parameters, read the same way by every resource. */
final class UsageParams {

    /** Tag names (each operation has exactly one); declared with their descriptions in {@code package-info.java}. */
    static final String USAGE = "Usage";
    /** Common's tag of its parked-events resource (and its description), so every operator endpoint is under one. */
    static final String OPERATIONS = ProblemResponsesFilter.OPERATIONS_TAG;

    static final String ORG_ID = "The org's id (a UUID; anything else names no org: 404 org-not-found)";
    static final String ORG_NOT_FOUND = "No such org, or the caller is not an active member (org-not-found)";
    static final String DAILY_400 = "from or to missing or not a yyyy-mm-dd date, from after to, more than 366 days, "
            + "or a NUL in the path or query (invalid-date, invalid-range, malformed-request)";
    static final String FROM = "First day, yyyy-mm-dd (UTC days)";
    static final String TO = "Last day, yyyy-mm-dd: on or after from, at most 366 days in all";

    private UsageParams() {
    }

    /** An org id that is not a UUID names no org: the same 404 as an unknown one. */
    static UUID org(String orgId) {
        return PathIds.parse(orgId, OrgProblems::orgNotFound);
    }

    /** A required yyyy-mm-dd date ({@code from}, {@code to}). */
    static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (NullPointerException | DateTimeParseException e) {
            throw UsageProblems.invalidDate();
        }
    }
}
