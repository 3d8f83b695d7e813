package dev.teamcredits.notification.domain;

/**
 * Every sentence a notification says: its title and body in the inbox, the email (the templates
 * hold no words; their footer is {@link #emailFooter()}) and the live stream. A value that is
 * missing reads as nothing; an optional part (a reason, an email address) is left out when absent
 * or empty.
 */
public final class NotificationTexts {

    private NotificationTexts() {
    }

    public static String transferReceivedTitle(long amount) {
        return "You received " + amount + " credits";
    }

    public static String transferReceivedBody(String actor, long amount, String org, String reason, long balance) {
        return s(actor) + " sent you " + amount + " credits in " + s(org) + because(reason)
                + ". Your balance is now " + balance + ".";
    }

    public static String transferSentTitle(long amount) {
        return "You moved " + amount + " credits";
    }

    public static String transferSentBody(long amount, String from, String to, String org, String reason,
            long fromBalance, long toBalance) {
        return "You moved " + amount + " credits from " + s(from) + " to " + s(to) + " in " + s(org) + because(reason)
                + ". " + s(from) + " now has " + fromBalance + ", " + s(to) + " has " + toBalance + ".";
    }

    public static String transferDeductedTitle(long amount) {
        return amount + " credits were moved from your balance";
    }

    public static String transferDeductedBody(String actor, long amount, String to, String org, String reason,
            long balance) {
        return s(actor) + " moved " + amount + " credits from your balance to " + s(to) + " in " + s(org)
                + because(reason) + ". Your balance is now " + balance + ".";
    }

    public static String poolTransferTitle(long amount, boolean toPool) {
        return amount + " credits moved " + (toPool ? "into" : "out of") + " the pool";
    }

    public static String poolTransferBody(String actor, long amount, String from, String to, String org,
            String reason, long poolBalance) {
        return s(actor) + " moved " + amount + " credits from " + s(from) + " to " + s(to) + " in " + s(org)
                + because(reason) + ". The pool now has " + poolBalance + ".";
    }

    public static String creditsSweptTitle(long amount) {
        return amount + " credits returned to the pool";
    }

    public static String creditsSweptBody(String member, long amount, String org, long poolBalance) {
        return s(member) + " left " + s(org) + "; their " + amount + " credits went back to the pool, which now has "
                + poolBalance + ".";
    }

    public static String lowBalanceTitle(String org) {
        return "Low balance in " + s(org);
    }

    public static String lowBalanceBody(boolean pool, String org, long available, long threshold) {
        return (pool ? "The pool of " : "Your balance in ") + s(org) + " is down to " + available
                + " credits (alert threshold " + threshold + ").";
    }

    public static String poolEmptyTitle(String org) {
        return "The pool of " + s(org) + " is empty";
    }

    public static String poolEmptyBody() {
        return "Members with pool access now spend from their own balances until the pool is topped up.";
    }

    public static String reservationExpiredTitle(long amount) {
        return "A reservation of " + amount + " credits expired";
    }

    public static String reservationExpiredBody(long amount, String org) {
        return "Your reservation of " + amount + " credits in " + s(org)
                + " was not captured in time; the credits are available again.";
    }

    public static String unusualUsageTitle(String member) {
        return "Unusual usage by " + s(member);
    }

    public static String unusualUsageBody(String member, long credits, String org, String day, String factor,
            String average, int days) {
        return s(member) + " used " + credits + " credits in " + s(org) + " on " + s(day) + ", more than " + s(factor)
                + " times their daily average of " + s(average) + " over the " + days + " days before.";
    }

    public static String youJoinedTitle(String org) {
        return "You joined " + s(org);
    }

    public static String youJoinedBody(String org, String role) {
        return "You are now a member of " + s(org) + " with the role " + s(role) + ".";
    }

    public static String memberJoinedTitle(String member, String org) {
        return s(member) + " joined " + s(org);
    }

    public static String memberJoinedBody(String member, String email, String org, String role) {
        return s(member) + inParentheses(email) + " joined " + s(org) + " as " + s(role) + ".";
    }

    public static String youLeftTitle(String org) {
        return "You were removed from " + s(org);
    }

    public static String youLeftBody(String org) {
        return "You are no longer a member of " + s(org) + ". Credits in your balance there went back to its pool.";
    }

    public static String memberLeftTitle(String member, String org) {
        return s(member) + " left " + s(org);
    }

    public static String memberLeftBody(String member, String email, String org) {
        return s(member) + inParentheses(email) + " is no longer a member of " + s(org) + ".";
    }

    public static String topUpCompletedTitle(long amount) {
        return "Top-up of " + amount + " credits completed";
    }

    /** @param request who asked, from {@link #yourRequest()}, {@link #requestOf} or {@link #autoTopUpRequest()} */
    public static String topUpCompletedBody(String request, long amount, String account, String paymentReference,
            String after) {
        return s(request) + " of " + amount + " credits for " + s(account) + " was paid" + payment(paymentReference)
                + "; the credits have arrived." + s(after);
    }

    public static String creditsPurchasedTitle(long amount) {
        return amount + " credits bought";
    }

    public static String creditsPurchasedBody(long amount, String account, String paymentReference, String after) {
        return amount + " credits were bought for " + s(account) + payment(paymentReference) + "." + s(after);
    }

    public static String topUpDeclinedTitle(long amount) {
        return "Top-up of " + amount + " credits declined";
    }

    public static String topUpDeclinedBody(String request, long amount, String account, String reason) {
        return s(request) + " of " + amount + " credits for " + s(account) + " was declined" + because(reason)
                + ". No credits were added.";
    }

    public static String topUpExpiredTitle(long amount) {
        return "Top-up of " + amount + " credits expired";
    }

    public static String topUpExpiredBody(String request, long amount, String account) {
        return s(request) + " of " + amount + " credits for " + s(account)
                + " was neither paid nor declined in time and has expired. No credits were added.";
    }

    public static String operatorGrantTitle(long amount) {
        return amount + " credits granted";
    }

    public static String operatorGrantBody(long amount, String account, String reason, String after) {
        return "An operator granted " + amount + " credits to " + s(account) + because(reason) + "." + s(after);
    }

    /** A top-up request, told to the one who made it. */
    public static String yourRequest() {
        return "Your top-up request";
    }

    /** A top-up request, told to someone other than the user who made it. */
    public static String requestOf(String requester) {
        return s(requester) + "'s top-up request";
    }

    /** A top-up request whose requester the event does not name. */
    public static String someRequest() {
        return "A top-up request";
    }

    /** A top-up request the account's auto top-up made. */
    public static String autoTopUpRequest() {
        return "The auto top-up's request";
    }

    /** The org's pool, as an account credits are bought or granted for. */
    public static String teamPool(String org) {
        return "the team pool of " + s(org);
    }

    /** The reader's own member balance. */
    public static String yourBalanceIn(String org) {
        return "your balance in " + s(org);
    }

    /** Another member's balance (its numbers are never stated to anyone but its owner). */
    public static String balanceOf(String member, String org) {
        return s(member) + "'s balance in " + s(org);
    }

    public static String yourPersonalBalance() {
        return "your personal balance";
    }

    /** A personal balance that is not the reader's (the ledger lets no one else act on it; a fallback). */
    public static String personalBalanceOf(String user) {
        return s(user) + "'s personal balance";
    }

    /** The closing sentence with the pool's balance after a change (every member may read it). */
    public static String poolNow(long balance) {
        return " The pool now has " + balance + ".";
    }

    public static String yourBalanceNow(long balance) {
        return " Your balance is now " + balance + ".";
    }

    public static String yourPersonalBalanceNow(long balance) {
        return " Your personal balance is now " + balance + ".";
    }

    /** How texts name the pool as one side of a transfer. */
    public static String pool() {
        return "the pool";
    }

    public static String emailFooter() {
        return "Team Credits. Choose which notifications reach you by email in your notification preferences.";
    }

    private static String because(String reason) {
        return present(reason) ? " — reason: " + reason : "";
    }

    private static String payment(String reference) {
        return present(reference) ? " (payment " + reference + ")" : "";
    }

    private static String inParentheses(String email) {
        return present(email) ? " (" + email + ")" : "";
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    private static String s(String value) {
        return value == null ? "" : value;
    }
}
