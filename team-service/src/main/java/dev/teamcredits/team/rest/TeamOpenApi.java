package dev.teamcredits.team.rest;

/** What the resources' OpenAPI annotations share: tag names, parameter and error descriptions. */
public final class TeamOpenApi {

    public static final String ORGANIZATIONS = "Organizations";
    public static final String MEMBERS = "Members";
    public static final String INVITATIONS = "Invitations";
    public static final String ME = "Me";

    static final String IDEMPOTENCY_KEY = "Makes retries safe (1 to 200 visible ASCII characters, scoped to the "
            + "caller, kept at least 24 h): a retry with the same key and request answers the first response with "
            + "`Idempotency-Replayed: true` and changes nothing; the same key with another request is 422 "
            + "idempotency-key-reused. Optional: without it every request is a new one.";
    static final String IDEMPOTENCY_KEY_PATTERN = "^[!-~]{1,200}$";

    static final String ORG_ID = "The organization's id; another org's, an unknown or a malformed id is 404 "
            + "org-not-found";
    static final String USER_ID = "The member's user id (the identity provider's subject)";
    static final String INVITATION_ID = "The invitation's id; an unknown or malformed id is 404 invitation-not-found";

    /** What every request may be refused for before any rule: NUL in path or query, a bad Idempotency-Key. */
    static final String BAD_REQUEST = "A NUL character in the path or query, or an Idempotency-Key header that is "
            + "empty, sent twice or not 1 to 200 visible ASCII characters (malformed-request, "
            + "invalid-idempotency-key)";
    /** The same with a JSON body. */
    static final String BAD_BODY = "Malformed JSON, wrong types, unknown or duplicate fields, invalid values, a NUL "
            + "character in the path or query, or an invalid Idempotency-Key header (malformed-request, "
            + "validation-failed, invalid-idempotency-key)";

    /** A page size: default and largest (the service answers 400 invalid-limit beyond). */
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    static final String LIMIT = "How many items a page holds at most (1 to 200); anything else is 400 invalid-limit";
    static final String CURSOR = "Where the page starts: the nextCursor of the previous page of the same list; "
            + "without it the first page. Another list's cursor or a changed one is 400 invalid-cursor";
    /** What a list may be refused for. */
    static final String BAD_PAGE = "A limit that is not an integer from 1 to 200, a cursor this list did not give, "
            + "a NUL character in the path or query, or an invalid Idempotency-Key header (invalid-limit, "
            + "invalid-cursor, malformed-request, invalid-idempotency-key)";

    private TeamOpenApi() {
    }
}
