package dev.teamcredits.ledger.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** The ledger's own audit over HTTP: the journal and the derived state must agree across all orgs. */
final class Audit {

    private Audit() {
    }

    static void assertClean(LedgerUnderTest ledger) {
        var reply = ledger.call("GET", "/v1/admin/ledger/audit", ledger.token("model-operator", "ops-console"), null,
                null);
        assertEquals(200, reply.status(), "audit: " + reply.body());
        assertEquals(List.of(), ledger.json.convertValue(reply.body().path("findings"), List.class),
                "audit findings");
    }
}
