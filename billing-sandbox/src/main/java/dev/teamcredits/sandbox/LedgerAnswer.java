package dev.teamcredits.sandbox;

/** What an answer of the ledger means for a settlement the sandbox sent. */
public enum LedgerAnswer {

    /** Recorded: the purchase or the decline, or the replay of one recorded before (2xx). */
    SETTLED,
    /** Someone else settled the request first (409 {@code top-up-request-settled}): nothing left to do. */
    SETTLED_ELSEWHERE,
    /** Worth asking again: the ledger is away, overloaded or failing (5xx, 408, 429), or refused the token (401). */
    RETRY,
    /** Refused for good (any other 4xx): logged; the request stays unsettled and expires in the ledger. */
    REFUSED;

    private static final String SETTLED_PROBLEM = "top-up-request-settled";

    /** {@code problemType} is the problem's {@code type} ({@code urn:team-credits:problem:<slug>}), or null. */
    public static LedgerAnswer of(int status, String problemType) {
        if (status >= 200 && status < 300) {
            return SETTLED;
        }
        if (status == 409 && problemType != null && problemType.endsWith(":" + SETTLED_PROBLEM)) {
            return SETTLED_ELSEWHERE;
        }
        if (status >= 500 || status == 401 || status == 408 || status == 429) {
            return RETRY;
        }
        return REFUSED;
    }
}
