package dev.teamcredits.team;

import dev.teamcredits.common.ServiceLayersTest;

/** The team service keeps the layers every service keeps (see {@link ServiceLayersTest}). */
class ArchitectureTest extends ServiceLayersTest {

    ArchitectureTest() {
        super("dev.teamcredits.team");
    }
}
