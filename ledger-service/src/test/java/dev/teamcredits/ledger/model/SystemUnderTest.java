package dev.teamcredits.ledger.model;

import dev.teamcredits.model.Op;
import dev.teamcredits.model.Who;
import java.util.UUID;

/**
 * Where a {@link ModelRun} sends its operations: the ledger on its own, told about orgs and members
 * by team events ({@link LedgerUnderTest}), or the whole system, where the team service decides
 * them (the system tests). Money operations always go to the ledger over HTTP.
 */
public interface SystemUnderTest {

    /** One HTTP exchange with the ledger. */
    record Reply(int status, com.fasterxml.jackson.databind.JsonNode body, boolean replayed) {
    }

    /** Creates an org whose admin is the user named {@code admin}; returns its id once the ledger knows it. */
    UUID createOrg(ModelRun.Setup setup, String run);

    /** The subject (token {@code sub}) of a user, backend or operator named in the model, for one run. */
    String subject(String name, String run);

    String token(Who who, String run);

    Reply call(String method, String path, String token, String idempotencyKey, Object body);

    /** Applies a membership, plan or settings change and returns once the ledger has applied it. */
    void teamFact(UUID orgId, Op op, String run);

    /** Waits until the system released a reservation whose TTL ran out; returns its final status. */
    String awaitReleased(UUID reservationId);

    /** How long a top-up request awaits payment before the ledger expires it. */
    default java.time.Duration topUpRequestTtl() {
        return java.time.Duration.ofHours(24);
    }

    /** What to print when a run fails (log tails). */
    String diagnostics();
}
