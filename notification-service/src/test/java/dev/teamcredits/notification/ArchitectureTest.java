package dev.teamcredits.notification;

import dev.teamcredits.common.ServiceLayersTest;

/** The notification service keeps the layers every service keeps (see {@link ServiceLayersTest}). */
class ArchitectureTest extends ServiceLayersTest {

    ArchitectureTest() {
        super("dev.teamcredits.notification");
    }
}
