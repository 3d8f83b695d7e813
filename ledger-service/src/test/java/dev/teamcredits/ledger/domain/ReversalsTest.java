package dev.teamcredits.ledger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReversalsTest {

    /** -1: more than is left (409 reversal-exceeds-transfer). */
    @ParameterizedTest(name = "transfer {0}, reversed {1}, asked {2} → {3}")
    @CsvSource({ "100, 0, , 100", "100, 40, , 60", "100, 40, 60, 60", "100, 40, 61, -1", "100, 100, , -1",
            "100, 100, 1, -1", "100, 0, 1, 1" })
    void reversalsOfOneTransferTogetherNeverExceedIt(long amount, long reversed, Long asked, long expected) {
        assertEquals(expected, Reversals.amount(asked, Reversals.left(amount, reversed)));
    }
}
