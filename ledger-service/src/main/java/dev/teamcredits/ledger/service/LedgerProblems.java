package dev.teamcredits.ledger.service;

import dev.teamcredits.common.rest.Problem;
import dev.teamcredits.common.rest.OrgProblems;
import dev.teamcredits.common.rest.ProblemException;
import java.util.List;

/** The ledger's errors, each with its stable problem type. */
public final class LedgerProblems {

    private LedgerProblems() {
    }

    public static ProblemException orgNotFound() {
        return OrgProblems.orgNotFound();
    }

    public static ProblemException adminRequired() {
        return OrgProblems.adminRequired();
    }

    public static ProblemException memberNotFound(String userId) {
        return new ProblemException(new Problem("member-not-found", "Member not found", 404,
                "'" + userId + "' is not a member of this organization.").with("userId", userId));
    }

    public static ProblemException notYourAccount() {
        return new ProblemException("spend-for-others", "Cannot spend for another member", 403,
                "Members spend for themselves; only a trusted backend may spend on a member's behalf.");
    }

    /** A person's own money (a personal top-up) needs a person: a client-credentials token has no email. */
    public static ProblemException userTokenRequired() {
        return new ProblemException("user-token-required", "User token required", 403,
                "This needs a user's token with an email address, not a service token.");
    }

    public static ProblemException userRequired() {
        return new ProblemException("user-id-required", "userId required", 400,
                "A backend spending on a member's behalf must name the member in userId.");
    }

    public static ProblemException unknownAction(String action, List<String> known) {
        return new ProblemException(new Problem("unknown-action", "Unknown action", 400,
                "Action '" + action + "' has no price; known actions: " + known + ".").with("actions", known));
    }

    public static ProblemException amountTooLarge() {
        return new ProblemException("amount-out-of-range", "Amount out of range", 400,
                "The price of this request exceeds 1000000000000 credits.");
    }

    /** Spends and reservations: not enough available anywhere; nothing was charged. */
    public static ProblemException insufficientCredits(long required, long available) {
        return new ProblemException(new Problem("insufficient-credits", "Insufficient credits", 402,
                "This needs " + required + " credits but only " + available + " are available to this member; "
                        + "nothing was charged.")
                .with("required", required).with("available", available).with("shortfall", required - available));
    }

    /** Transfers: the source has less available than the amount; nothing moved. */
    public static ProblemException insufficientAvailable(long amount, long available) {
        return new ProblemException(new Problem("insufficient-available-credits", "Not enough available credits", 409,
                "The source has " + available + " available credits; " + amount + " cannot be moved.")
                .with("available", available).with("shortfall", amount - available));
    }

    public static ProblemException sameAccount() {
        return new ProblemException("same-account", "Same source and destination", 422,
                "A transfer needs two different accounts.");
    }

    public static ProblemException transferNotFound() {
        return new ProblemException("transfer-not-found", "Transfer not found", 404,
                "No transfer with this id in this organization.");
    }

    public static ProblemException reversalTooLarge(long left) {
        return new ProblemException(new Problem("reversal-exceeds-transfer", "Reversal exceeds the transfer", 409,
                "Only " + left + " credits of this transfer are left to reverse.").with("reversible", left));
    }

    public static ProblemException reservationNotFound() {
        return new ProblemException("reservation-not-found", "Reservation not found", 404,
                "No reservation with this id is visible to you.");
    }

    public static ProblemException reservationNotActive(String status) {
        return new ProblemException(new Problem("reservation-not-active", "Reservation no longer active", 409,
                "This reservation is " + status + ".").with("reservationStatus", status));
    }

    public static ProblemException captureTooLarge(long reserved) {
        return new ProblemException(new Problem("capture-exceeds-reservation", "Capture exceeds reservation", 422,
                "At most " + reserved + " credits can be captured.").with("reserved", reserved));
    }

    public static ProblemException ttlOutOfRange(String max) {
        return new ProblemException("ttl-out-of-range", "TTL out of range", 400,
                "ttlSeconds must be between 1 and " + max + ".");
    }

    public static ProblemException personalNotTransferable() {
        return new ProblemException("personal-not-transferable", "Personal balances cannot be transferred", 422,
                "Transfers move credits between the pool and member balances of one org only.");
    }

    /** A zero-priced action costs nothing, so there is nothing to hold. */
    public static ProblemException nothingToReserve(String action) {
        return new ProblemException(new Problem("nothing-to-reserve", "Nothing to reserve", 400,
                "'" + action + "' costs no credits, so it needs no reservation: spend it directly.")
                .with("action", action));
    }

    /** A hold is ended by the caller that made it (an admin of the org may release it; an operator may do both). */
    public static ProblemException reservationNotYours(boolean capture) {
        return new ProblemException("reservation-not-yours", "Not your reservation", 403, capture
                ? "Only the caller that made this reservation captures it."
                : "Only the caller that made this reservation, or an admin of the organization, releases it.");
    }

    /** Sweeps of departing members, recurring allocations and reversals are not admin transfers to claw back. */
    public static ProblemException notReversible() {
        return new ProblemException("transfer-not-reversible", "Transfer cannot be reversed", 409,
                "Only transfers an admin made can be reversed; the system's own moves and reversals cannot.");
    }

    /** A transfer or reversal may not touch the account of someone who left the org. */
    public static ProblemException memberInactive(String userId) {
        return new ProblemException(new Problem("member-inactive", "Member has left", 409,
                "'" + userId + "' is no longer a member of this organization; nothing moves into or out of their account.")
                .with("userId", userId));
    }

    /** The spend queues are full: nothing of the request was queued; try again shortly. */
    public static ProblemException overloaded() {
        return new ProblemException(new Problem("overloaded", "Too busy", 503,
                "Too many spends are waiting; nothing of this request was applied. Retry after a second.")
                .retryAfter(1));
    }

    public static ProblemException billingClientRequired() {
        return new ProblemException("billing-client-required", "Billing backend only", 403,
                "Only the billing backend records purchases and declines top-up requests.");
    }

    public static ProblemException paymentReferenceConflict(String paymentReference) {
        return new ProblemException(new Problem("payment-reference-conflict", "Payment already recorded", 409,
                "A purchase with this payment reference was recorded for another account, amount or request.")
                .with("paymentReference", paymentReference));
    }

    public static ProblemException topUpRequestNotFound() {
        return new ProblemException("top-up-request-not-found", "Top-up request not found", 404,
                "No top-up request with this id.");
    }

    public static ProblemException topUpRequestSettled(String status) {
        return new ProblemException(new Problem("top-up-request-settled", "Top-up request already settled", 409,
                "This top-up request is " + status + ".").with("requestStatus", status));
    }

    public static ProblemException topUpRequestMismatch() {
        return new ProblemException("top-up-request-mismatch", "Purchase does not match the request", 409,
                "A purchase that completes a top-up request must be for its account and amount.");
    }

    public static ProblemException tooManyOpenRequests(int max) {
        return new ProblemException(new Problem("too-many-open-top-up-requests", "Too many open top-up requests", 409,
                "This account already has " + max + " top-up requests awaiting payment.").with("limit", max));
    }
}
