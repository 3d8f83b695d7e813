package dev.teamcredits.usage;

import dev.teamcredits.common.ServiceLayersTest;

/** The usage service keeps the layers every service keeps (see {@link ServiceLayersTest}). */
class ArchitectureTest extends ServiceLayersTest {

    ArchitectureTest() {
        super("dev.teamcredits.usage");
    }
}
