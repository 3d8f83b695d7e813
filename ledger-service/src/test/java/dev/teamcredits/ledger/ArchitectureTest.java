package dev.teamcredits.ledger;

import dev.teamcredits.common.ServiceLayersTest;

/** The ledger service keeps the layers every service keeps (see {@link ServiceLayersTest}). */
class ArchitectureTest extends ServiceLayersTest {

    ArchitectureTest() {
        super("dev.teamcredits.ledger");
    }
}
