package dev.teamcredits.common.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The problem types a response's description names, as the filter lists them in {@code x-problem-types}. */
class ProblemResponsesFilterTest {

    @Test
    void theSlugsInParenthesesAreTheProblemTypesSplitAtCommasSemicolonsAndOr() {
        assertEquals(List.of("org-not-found"),
                ProblemResponsesFilter.slugs("No such org, or the caller is not a member (org-not-found)"));
        assertEquals(List.of("malformed-request", "validation-failed"),
                ProblemResponsesFilter.slugs("Bad body (malformed-request, validation-failed)"));
        assertEquals(List.of("parked-event-waits", "parked-event-still-fails"), ProblemResponsesFilter.slugs(
                "Waits (parked-event-waits), or still fails (parked-event-still-fails; it stays parked)"));
        assertEquals(List.of("insufficient-credits", "pool-cap-reached"),
                ProblemResponsesFilter.slugs("Not enough (insufficient-credits or pool-cap-reached)"));
        assertEquals(List.of("unauthorized"), ProblemResponsesFilter.slugs("No token (unauthorized)"));
    }

    @Test
    void wordsInParenthesesThatAreNotSlugsAreNotProblemTypes() {
        assertEquals(List.of(), ProblemResponsesFilter.slugs("A page (JSON, or CSV with a header row)"));
        assertEquals(List.of(), ProblemResponsesFilter.slugs("Up to 500 (the limit) events"));
        assertEquals(List.of(), ProblemResponsesFilter.slugs(null));
        assertEquals(List.of("org-not-found"), ProblemResponsesFilter.slugs("(org-not-found) and (org-not-found)"));
    }
}
