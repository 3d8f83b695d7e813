package dev.teamcredits.team.rest;

import dev.teamcredits.common.rest.ProblemException;
import java.util.UUID;
import java.util.function.Supplier;

/** Path ids: something that is not a UUID names nothing, so it is the same 404 as an unknown id. */
final class Ids {

    private Ids() {
    }

    static UUID parse(String value, Supplier<ProblemException> notFound) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw notFound.get();
        }
    }
}
