package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.rest.PathIds;
import dev.teamcredits.ledger.service.LedgerProblems;
import java.util.UUID;

/** Ids in the ledger's paths: one that is not a UUID is a 404 of its kind, like one that does not exist. */
final class OrgIds {

    private OrgIds() {
    }

    static UUID org(String orgId) {
        return PathIds.parse(orgId, LedgerProblems::orgNotFound);
    }

    static UUID reservation(String id) {
        return PathIds.parse(id, LedgerProblems::reservationNotFound);
    }

    static UUID topUpRequest(String id) {
        return PathIds.parse(id, LedgerProblems::topUpRequestNotFound);
    }

    static UUID transfer(String id) {
        return PathIds.parse(id, LedgerProblems::transferNotFound);
    }
}
