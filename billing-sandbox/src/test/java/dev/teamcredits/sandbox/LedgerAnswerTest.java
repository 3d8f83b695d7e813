package dev.teamcredits.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which answers of the ledger settle a request, which are worth asking again for (the ledger away, overloaded or
 * failing) and which are final refusals. A 409 counts as settled only when it says someone else settled the request.
 */
class LedgerAnswerTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(textBlock = """
            200, ,                                                      SETTLED
            201, ,                                                      SETTLED
            200, urn:team-credits:problem:whatever,                     SETTLED
            409, urn:team-credits:problem:top-up-request-settled,       SETTLED_ELSEWHERE
            409, urn:team-credits:problem:top-up-request-mismatch,      REFUSED
            409, urn:team-credits:problem:payment-reference-conflict,   REFUSED
            409, urn:team-credits:problem:top-up-request-settled-later, REFUSED
            409, ,                                                      REFUSED
            400, urn:team-credits:problem:validation-failed,            REFUSED
            403, urn:team-credits:problem:billing-client-required,      REFUSED
            404, urn:team-credits:problem:top-up-request-not-found,     REFUSED
            422, urn:team-credits:problem:idempotency-key-reused,       REFUSED
            401, urn:team-credits:problem:unauthorized,                 RETRY
            408, ,                                                      RETRY
            429, ,                                                      RETRY
            500, urn:team-credits:problem:internal,                     RETRY
            502, ,                                                      RETRY
            503, urn:team-credits:problem:database-unavailable,         RETRY
            503, urn:team-credits:problem:overloaded,                   RETRY
            """)
    void answersMeanWhatTheLedgerSays(int status, String problemType, LedgerAnswer expected) {
        assertEquals(expected, LedgerAnswer.of(status, problemType));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"type":"urn:team-credits:problem:overloaded","status":503} | urn:team-credits:problem:overloaded
            {"status":409}                                               |
            {"type":7}                                                   |
            not json                                                     |
            ''                                                           |
            """)
    void readsTheProblemTypeOfABody(String body, String expected) {
        assertEquals(expected, Payments.problemType(body));
    }
}
