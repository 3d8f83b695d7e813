package dev.teamcredits.ledger.service;

import dev.teamcredits.common.rest.ProblemException;

/** The answer to one spend: charged, a replay of an earlier charge with the same key, or refused. */
public sealed interface SpendResult {

    record Charged(Charge charge) implements SpendResult {
    }

    /** The same Idempotency-Key and request as a spend that was charged: its charge, nothing moved. */
    record Replayed(Charge charge) implements SpendResult {
    }

    /** Nothing was charged (402 insufficient credits, 404, 422 key reused…). */
    record Refused(ProblemException problem) implements SpendResult {
    }
}
