package dev.teamcredits.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Problem documents, as the services write them, into typed exceptions. */
class ProblemsTest {

    private final Problems problems = new Problems(TeamCreditsClient.mapper());

    @Test
    void insufficientCreditsCarriesRequiredAvailableAndShortfall() {
        TeamCreditsException e = problems.exception(402, """
                {"type":"urn:team-credits:problem:insufficient-credits","title":"Insufficient credits","status":402,
                 "detail":"This needs 120 credits but only 20 are available to this member; nothing was charged.",
                 "instance":"/v1/orgs/o/spends","required":120,"available":20,"shortfall":100}""", null, "key-1");
        InsufficientCreditsException short_ = assertInstanceOf(InsufficientCreditsException.class, e);
        assertEquals(List.of(120L, 20L, 100L), List.of(short_.required(), short_.available(), short_.shortfall()));
        assertEquals(402, e.status());
        assertEquals("urn:team-credits:problem:insufficient-credits", e.type());
        assertEquals("/v1/orgs/o/spends", e.problem().instance());
        assertEquals("key-1", e.idempotencyKey().orElseThrow());
        assertEquals(Map.of("required", 120, "available", 20, "shortfall", 100), e.problem().extensions());
    }

    @Test
    void aTransferShortOfAvailableCreditsIsInsufficientCreditsToo() {
        InsufficientCreditsException e = assertInstanceOf(InsufficientCreditsException.class, problems.exception(409,
                """
                {"type":"urn:team-credits:problem:insufficient-available-credits","title":"Not enough available credits",
                 "status":409,"detail":"The source has 5 available credits; 8 cannot be moved.","available":5,
                 "shortfall":3}""", null, null));
        assertEquals(List.of(8L, 5L, 3L), List.of(e.required(), e.available(), e.shortfall()));
        assertEquals(409, e.status());
    }

    @Test
    void validationFailedListsTheFieldErrors() {
        ValidationException e = assertInstanceOf(ValidationException.class, problems.exception(400, """
                {"type":"urn:team-credits:problem:validation-failed","title":"Invalid request","status":400,
                 "detail":"quantity: must be greater than or equal to 1; action: must not be blank",
                 "errors":[{"field":"quantity","message":"must be greater than or equal to 1"},
                           {"field":"action","message":"must not be blank"}]}""", null, null));
        assertEquals(List.of(new ValidationException.FieldError("quantity", "must be greater than or equal to 1"),
                new ValidationException.FieldError("action", "must not be blank")), e.fieldErrors());
    }

    @Test
    void otherBadRequestsAreValidationErrorsWithoutFields() {
        ValidationException e = assertInstanceOf(ValidationException.class, problems.exception(400, """
                {"type":"urn:team-credits:problem:unknown-action","title":"Unknown action","status":400,
                 "detail":"Action 'X' has no price","actions":["PAGE_SCRAPE","ENRICHMENT"]}""", null, null));
        assertEquals(List.of(), e.fieldErrors());
        assertEquals(List.of("PAGE_SCRAPE", "ENRICHMENT"), e.problem().extensions().get("actions"));
        assertInstanceOf(ValidationException.class, problems.exception(422, problem("same-account", 422), null, null));
    }

    @Test
    void aReusedKeyIsItsOwnException() {
        assertInstanceOf(IdempotencyKeyReusedException.class,
                problems.exception(422, problem("idempotency-key-reused", 422), null, "k"));
    }

    @Test
    void notFoundForbiddenUnauthorizedAndConflictFollowTheStatus() {
        assertInstanceOf(NotFoundException.class, problems.exception(404, problem("org-not-found", 404), null, null));
        assertInstanceOf(NotFoundException.class, problems.exception(404, problem("reservation-not-found", 404), null,
                null));
        assertInstanceOf(ForbiddenException.class, problems.exception(403, problem("spend-for-others", 403), null,
                null));
        assertInstanceOf(ForbiddenException.class, problems.exception(403, problem("billing-client-required", 403),
                null, null));
        assertInstanceOf(UnauthorizedException.class, problems.exception(401, problem("unauthorized", 401), null,
                null));
        ConflictException conflict = assertInstanceOf(ConflictException.class, problems.exception(409, """
                {"type":"urn:team-credits:problem:reservation-not-active","title":"Reservation no longer active",
                 "status":409,"detail":"This reservation is CAPTURED.","reservationStatus":"CAPTURED"}""", null, null));
        assertEquals("CAPTURED", conflict.problem().textMember("reservationStatus").orElseThrow());
        assertEquals("reservation-not-active", conflict.problem().slug().orElseThrow());
    }

    @Test
    void overloadAndRateLimitsKeepTheirRetryAfter() {
        ServiceUnavailableException busy = assertInstanceOf(ServiceUnavailableException.class,
                problems.exception(503, problem("overloaded", 503), Duration.ofSeconds(1), "k"));
        assertEquals(Duration.ofSeconds(1), busy.retryAfter().orElseThrow());
        RateLimitedException limited = assertInstanceOf(RateLimitedException.class,
                problems.exception(429, problem("rate-limited", 429), null, null));
        assertEquals(java.util.Optional.empty(), limited.retryAfter());
    }

    @Test
    void unknownStatusesAndBodiesThatAreNoProblemBecomeTheGenericException() {
        UnexpectedProblemException internal = assertInstanceOf(UnexpectedProblemException.class,
                problems.exception(500, problem("internal-error", 500), null, null));
        assertEquals("internal-error", internal.problem().slug().orElseThrow());
        UnexpectedProblemException html = assertInstanceOf(UnexpectedProblemException.class,
                problems.exception(502, "<html>Bad gateway</html>", null, null));
        assertEquals("about:blank", html.type());
        assertEquals("<html>Bad gateway</html>", html.detail());
        NotFoundException empty = assertInstanceOf(NotFoundException.class, problems.exception(404, "", null, null));
        assertNull(empty.detail());
        assertEquals(java.util.Optional.empty(), empty.problem().slug());
    }

    @Test
    void theHttpStatusDecidesOverTheDocumentsStatusMember() {
        TeamCreditsException e = problems.exception(409, """
                {"type":"urn:team-credits:problem:member-inactive","title":"Member has left","status":"ACTIVE"}""",
                null, null);
        assertInstanceOf(ConflictException.class, e);
        assertEquals(409, e.status());
    }

    private static String problem(String slug, int status) {
        return "{\"type\":\"urn:team-credits:problem:" + slug + "\",\"title\":\"t\",\"status\":" + status
                + ",\"detail\":\"d\"}";
    }
}
