package dev.teamcredits.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.ledger.service.ReadService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** After every ledger test, the derived state (balances, lots, reservations) must agree with the journal. */
abstract class LedgerTestBase {

    @Inject
    ReadService reads;

    @AfterEach
    void journalAgreesWithBalances() {
        assertEquals(List.of(), reads.audit().await().atMost(Duration.ofSeconds(30)));
    }
}
