package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.rest.ProblemResponsesFilter;

/**
 * The texts the ledger's OpenAPI annotations share (annotation values must be constants), and its tag names (each
 * operation has exactly one; they are declared with their descriptions in {@code package-info.java}, but for
 * common's Operations). A 4xx/5xx
 * response's description ends with the problem slugs it can carry, in parentheses (common's
 * {@code ProblemResponsesFilter} reads them). Title, version, license, servers and the responses every operation
 * shares (401, 500, 503, 413, 415) come from common's configuration and filter.
 */
final class ApiDocs {

    static final String ORG_CREDITS = "Org credits";
    static final String PERSONAL_CREDITS = "Personal credits";
    static final String BUYING_CREDITS = "Buying credits";
    static final String BILLING_BACKEND = "Billing backend";
    static final String HISTORY = "History";
    /** Common's tag of its parked-events resource (and its description), so every operator endpoint is under one. */
    static final String OPERATIONS = ProblemResponsesFilter.OPERATIONS_TAG;

    /** The Idempotency-Key header of every money POST, which requires it. */
    static final String KEY = "Makes the request safe to retry: 1 to 200 visible ASCII characters, new for each "
            + "request. A retry with the same key and body answers the first result (Idempotency-Replayed: true) and "
            + "moves nothing; the same key with another body is 422. Required: without it 400 idempotency-key-required.";
    static final String KEY_PATTERN = "^[\\x21-\\x7E]+$";
    static final String KEY_EXAMPLE = "7d0c3c2e-5b1a-4f7e-9a43-0c6f1b2d8e91";

    static final String ORG_ID = "The org's id (a UUID; anything else names no org: 404 org-not-found)";
    static final String ACCOUNT = "`pool`, or a member's user id";
    static final String LIMIT = "Page size, 1 to 1000 (anything else is 400 invalid-limit)";
    static final String CURSOR = "The `nextCursor` of the page before; absent for the first (newest) page. A cursor "
            + "this list did not return is 400 invalid-cursor";
    static final String LINK = "CSV only, when there is a next page: `</same/path?…&cursor=…>; rel=\"next\"`, with "
            + "every filter of this page";
    static final String RETRY_AFTER = "Seconds to wait before retrying (1 when the spend queues are full, 2 when the "
            + "database is away); a retry with the same Idempotency-Key is never applied twice";

    /** 503 of the spend endpoints, whose queues are bounded (SpendBatcher). */
    static final String SPEND_QUEUES_FULL = "Too many spends waiting (the lane's or the org's queue is full, or this "
            + "spend waited past ledger.spends.max-wait): nothing of the request was applied; or the database is "
            + "away (overloaded, database-unavailable)";

    /** 400 of an operation with a JSON body and an Idempotency-Key. */
    static final String BAD_KEYED_BODY = "Malformed JSON, wrong types, unknown fields or invalid values; or a missing, "
            + "repeated or invalid Idempotency-Key";
    static final String BAD_KEYED_BODY_SLUGS = "malformed-request, validation-failed, idempotency-key-required, "
            + "invalid-idempotency-key";
    static final String BAD_BODY = "Malformed JSON, wrong types, unknown fields or invalid values "
            + "(malformed-request, validation-failed)";
    static final String KEY_IN_USE = "A request with this Idempotency-Key is still in progress "
            + "(idempotency-key-in-use)";
    static final String KEY_REUSED = "The Idempotency-Key was used with another request (idempotency-key-reused)";

    static final String ORG_NOT_FOUND = "No such org, or the caller is not a member (org-not-found)";
    static final String ADMIN_REQUIRED = "The caller is not an admin of the org (admin-required)";
    static final String OPERATOR_REQUIRED = "Not an operator client (operator-required)";

    private ApiDocs() {
    }
}
