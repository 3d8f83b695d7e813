package dev.teamcredits.systemtests;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** Base of every system test: the shared stack, and the invariants checked on each org a test made. */
@ExtendWith(SystemStack.class)
abstract class SystemTestBase {

    final Api api = SystemStack.api();
    private final List<Org> orgs = new ArrayList<>();

    /** A new org of this test (ada is its admin); its invariants are checked after the test. */
    Org org(String plan) {
        return org(plan, "System test " + plan);
    }

    /** The same, with a name of the test's choice. */
    Org org(String plan, String name) {
        Org org = Org.create(plan, name);
        orgs.add(org);
        return org;
    }

    @AfterEach
    void invariantsHold() {
        for (Org org : orgs) {
            Invariants.check(org);
        }
    }
}
