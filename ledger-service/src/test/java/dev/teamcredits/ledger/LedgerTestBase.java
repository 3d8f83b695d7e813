package dev.teamcredits.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.ledger.service.LedgerAudit;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** After every ledger test, the derived state (balances, lots, reservations) must agree with the journal. */
abstract class LedgerTestBase {

    @Inject
    LedgerAudit audit;

    @AfterEach
    void journalAgreesWithBalances() {
        assertEquals(List.of(), audit.findings().await().atMost(Duration.ofSeconds(30)));
    }
}
