package dev.teamcredits.notification.rest;

/** What the resources' OpenAPI annotations share: tag names, parameter and error descriptions. */
public final class NotificationOpenApi {

    public static final String INBOX = "Inbox";
    public static final String PREFERENCES = "Preferences";
    public static final String STREAM = "Live stream";
    public static final String WEBHOOKS = "Webhooks";

    static final String ORG_ID = "The organization's id; another org's, an unknown or a malformed id is 404 "
            + "org-not-found";
    static final String WEBHOOK_ID = "The webhook's id; another org's, an unknown or a malformed id is 404 "
            + "webhook-not-found";
    static final String DELIVERY_ID = "The delivery's id (the calls' webhook-id); another webhook's, an unknown or "
            + "a malformed id is 404 delivery-not-found";
    static final String CURSOR = "Where the page starts: the nextCursor of the previous page, sent with the same "
            + "filters; absent for the first page. A cursor of another list is 400 invalid-cursor";

    static final String IDEMPOTENCY_KEY = "Makes retries safe (1 to 200 visible ASCII characters, scoped to the "
            + "caller, kept at least 24 h): a retry with the same key and request answers the first response (the "
            + "same webhook and secret) with `Idempotency-Replayed: true` and registers nothing; the same key with "
            + "another request is 422 idempotency-key-reused. Optional: without it every request registers a new "
            + "webhook.";
    static final String IDEMPOTENCY_KEY_PATTERN = "^[!-~]{1,200}$";

    /** What every request may be refused for before any rule: NUL in path or query, a bad Idempotency-Key. */
    static final String BAD_REQUEST = "A NUL character in the path or query, or an Idempotency-Key header that is "
            + "empty, sent twice or not 1 to 200 visible ASCII characters (malformed-request, "
            + "invalid-idempotency-key)";
    /** The same with a JSON body. */
    static final String BAD_BODY = "Malformed JSON, wrong types, unknown or duplicate fields, invalid values, a NUL "
            + "character in the path or query, or an invalid Idempotency-Key header (malformed-request, "
            + "validation-failed, invalid-idempotency-key)";
    static final String UNSUPPORTED_MEDIA_TYPE = "The body is not sent as application/json "
            + "(unsupported-media-type)";
    static final String TOO_LARGE = "The body is larger than 2 MB (payload-too-large)";
    static final String NOT_ADMIN = "The caller is a member of the org, not an admin (admin-required)";
    static final String NO_ORG = "No such org, or the caller is not a member (org-not-found)";
    static final String NO_WEBHOOK = "No such org, or the caller is not a member; or the org has no such webhook "
            + "(org-not-found, webhook-not-found)";

    private NotificationOpenApi() {
    }
}
