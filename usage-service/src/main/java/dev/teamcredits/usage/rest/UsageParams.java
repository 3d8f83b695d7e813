package dev.teamcredits.usage.rest;

import dev.teamcredits.common.rest.OrgProblems;
import dev.teamcredits.common.rest.PathIds;
import dev.teamcredits.usage.service.UsageProblems;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** The usage API's path and query parameters, read the same way by every resource. */
final class UsageParams {

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
