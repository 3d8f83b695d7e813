package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.rest.ProblemException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Query parameters the ledger's resources share. */
final class QueryParams {

    private QueryParams() {
    }

    /** A true/false query parameter; anything else is a 400 (JAX-RS would read it as false). */
    static boolean bool(String name, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new ProblemException("invalid-filter", "Invalid filter", 400, name + " must be true or false.");
        }
        return Boolean.parseBoolean(value);
    }

    /** An optional yyyy-mm-dd query parameter; anything else is a 400 (not the 404 JAX-RS would give). */
    static LocalDate date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException("invalid-date", "Invalid date", 400, "'" + value + "' is not a yyyy-mm-dd date.");
        }
    }
}
