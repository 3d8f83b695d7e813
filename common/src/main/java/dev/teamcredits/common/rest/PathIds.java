package dev.teamcredits.common.rest;

import java.util.UUID;
import java.util.function.Supplier;

/** Path ids: something that is not a UUID names nothing, so it is the same 404 as an unknown id. */
public final class PathIds {

    private PathIds() {
    }

    public static UUID parse(String value, Supplier<ProblemException> notFound) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw notFound.get();
        }
    }
}
