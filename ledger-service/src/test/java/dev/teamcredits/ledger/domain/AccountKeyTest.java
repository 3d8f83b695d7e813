package dev.teamcredits.ledger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccountKeyTest {

    @Test
    void aRefNamesItsAccountBothWays() {
        for (AccountKey key : List.of(AccountKey.pool(Accounts.ORG), AccountKey.member(Accounts.ORG, "ben:1"),
                AccountKey.personal("cleo:x"))) {
            assertEquals(key, AccountKey.fromRef(key.ref()));
        }
        assertThrows(IllegalArgumentException.class, () -> AccountKey.fromRef("SYSTEM:SPENT"));
    }
}
