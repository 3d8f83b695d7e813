package dev.teamcredits.notification.service;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every sentence a notification says, in one message bundle: the inbox, the email templates and the
 * stream all use these, and a translation is a {@code msg_<lang>.properties} file, not code.
 */
@MessageBundle(value = "msg", locale = "en")
public interface Texts {

    @Message("You received {amount} credits")
    String transferReceivedTitle(long amount);

    @Message("{actor} sent you {amount} credits in {org}{#if reason} — reason: {reason}{/if}. Your balance is now {balance}.")
    String transferReceivedBody(String actor, long amount, String org, String reason, long balance);

    @Message("You moved {amount} credits")
    String transferSentTitle(long amount);

    @Message("You moved {amount} credits from {from} to {to} in {org}{#if reason} — reason: {reason}{/if}. "
            + "{from} now has {fromBalance}, {to} has {toBalance}.")
    String transferSentBody(long amount, String from, String to, String org, String reason, long fromBalance,
            long toBalance);

    @Message("{amount} credits were moved from your balance")
    String transferDeductedTitle(long amount);

    @Message("{actor} moved {amount} credits from your balance to {to} in {org}{#if reason} — reason: {reason}{/if}. "
            + "Your balance is now {balance}.")
    String transferDeductedBody(String actor, long amount, String to, String org, String reason, long balance);

    @Message("{amount} credits moved {#if toPool}into{#else}out of{/if} the pool")
    String poolTransferTitle(long amount, boolean toPool);

    @Message("{actor} moved {amount} credits from {from} to {to} in {org}{#if reason} — reason: {reason}{/if}. "
            + "The pool now has {poolBalance}.")
    String poolTransferBody(String actor, long amount, String from, String to, String org, String reason,
            long poolBalance);

    @Message("{amount} credits returned to the pool")
    String creditsSweptTitle(long amount);

    @Message("{member} left {org}; their {amount} credits went back to the pool, which now has {poolBalance}.")
    String creditsSweptBody(String member, long amount, String org, long poolBalance);

    @Message("Low balance in {org}")
    String lowBalanceTitle(String org);

    @Message("{#if pool}The pool of {org}{#else}Your balance in {org}{/if} is down to {available} credits "
            + "(alert threshold {threshold}).")
    String lowBalanceBody(boolean pool, String org, long available, long threshold);

    @Message("The pool of {org} is empty")
    String poolEmptyTitle(String org);

    @Message("Members with pool access now spend from their own balances until the pool is topped up.")
    String poolEmptyBody();

    @Message("A reservation of {amount} credits expired")
    String reservationExpiredTitle(long amount);

    @Message("Your reservation of {amount} credits in {org} was not captured in time; the credits are available again.")
    String reservationExpiredBody(long amount, String org);

    @Message("Unusual usage by {member}")
    String unusualUsageTitle(String member);

    @Message("{member} used {credits} credits in {org} on {day}, more than {factor} times their daily average of "
            + "{average} over the {days} days before.")
    String unusualUsageBody(String member, long credits, String org, String day, String factor, String average,
            int days);

    @Message("You joined {org}")
    String youJoinedTitle(String org);

    @Message("You are now a member of {org} with the role {role}.")
    String youJoinedBody(String org, String role);

    @Message("{member} joined {org}")
    String memberJoinedTitle(String member, String org);

    @Message("{member}{#if email} ({email}){/if} joined {org} as {role}.")
    String memberJoinedBody(String member, String email, String org, String role);

    @Message("You were removed from {org}")
    String youLeftTitle(String org);

    @Message("You are no longer a member of {org}. Credits in your balance there went back to its pool.")
    String youLeftBody(String org);

    @Message("{member} left {org}")
    String memberLeftTitle(String member, String org);

    @Message("{member}{#if email} ({email}){/if} is no longer a member of {org}.")
    String memberLeftBody(String member, String email, String org);

    @Message("the pool")
    String pool();

    @Message("Team Credits. Choose which notifications reach you by email in your notification preferences.")
    String emailFooter();
}
