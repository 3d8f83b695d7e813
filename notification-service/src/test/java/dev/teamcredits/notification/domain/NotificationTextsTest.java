package dev.teamcredits.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NotificationTextsTest {

    static Stream<Arguments> texts() {
        return Stream.of(
                text("transfer received, title", () -> NotificationTexts.transferReceivedTitle(200),
                        "You received 200 credits"),
                text("transfer received, with a reason",
                        () -> NotificationTexts.transferReceivedBody("Ada", 200, "Acme", "Q3 research", 200),
                        "Ada sent you 200 credits in Acme — reason: Q3 research. Your balance is now 200."),
                text("transfer received, no reason",
                        () -> NotificationTexts.transferReceivedBody("Ada", 50, "Acme", null, 50),
                        "Ada sent you 50 credits in Acme. Your balance is now 50."),
                text("transfer received, an empty reason is no reason",
                        () -> NotificationTexts.transferReceivedBody("Ada", 50, "Acme", "", 50),
                        "Ada sent you 50 credits in Acme. Your balance is now 50."),
                text("transfer received, an unknown actor reads as nothing",
                        () -> NotificationTexts.transferReceivedBody(null, 50, "Acme", null, 50),
                        " sent you 50 credits in Acme. Your balance is now 50."),
                text("transfer sent, title", () -> NotificationTexts.transferSentTitle(15), "You moved 15 credits"),
                text("transfer sent",
                        () -> NotificationTexts.transferSentBody(15, "the pool", "ben", "Acme", "gift", 985, 15),
                        "You moved 15 credits from the pool to ben in Acme — reason: gift. the pool now has 985, "
                                + "ben has 15."),
                text("transfer deducted, title", () -> NotificationTexts.transferDeductedTitle(15),
                        "15 credits were moved from your balance"),
                text("transfer deducted",
                        () -> NotificationTexts.transferDeductedBody("Ada", 15, "the pool", "Acme", "clawback", 5),
                        "Ada moved 15 credits from your balance to the pool in Acme — reason: clawback. "
                                + "Your balance is now 5."),
                text("pool transfer, into", () -> NotificationTexts.poolTransferTitle(15, true),
                        "15 credits moved into the pool"),
                text("pool transfer, out of", () -> NotificationTexts.poolTransferTitle(15, false),
                        "15 credits moved out of the pool"),
                text("pool transfer",
                        () -> NotificationTexts.poolTransferBody("Ada", 15, "ben", "the pool", "Acme", null, 1015),
                        "Ada moved 15 credits from ben to the pool in Acme. The pool now has 1015."),
                text("credits swept, title", () -> NotificationTexts.creditsSweptTitle(5),
                        "5 credits returned to the pool"),
                text("credits swept", () -> NotificationTexts.creditsSweptBody("ben", 5, "Acme", 1020),
                        "ben left Acme; their 5 credits went back to the pool, which now has 1020."),
                text("low balance, title", () -> NotificationTexts.lowBalanceTitle("Acme"), "Low balance in Acme"),
                text("low balance, a member's", () -> NotificationTexts.lowBalanceBody(false, "Acme", 40, 100),
                        "Your balance in Acme is down to 40 credits (alert threshold 100)."),
                text("low balance, the pool's", () -> NotificationTexts.lowBalanceBody(true, "Acme", 60, 100),
                        "The pool of Acme is down to 60 credits (alert threshold 100)."),
                text("pool empty, title", () -> NotificationTexts.poolEmptyTitle("Acme"), "The pool of Acme is empty"),
                text("pool empty", NotificationTexts::poolEmptyBody,
                        "Members with pool access now spend from their own balances until the pool is topped up."),
                text("reservation expired, title", () -> NotificationTexts.reservationExpiredTitle(3),
                        "A reservation of 3 credits expired"),
                text("reservation expired", () -> NotificationTexts.reservationExpiredBody(3, "Acme"),
                        "Your reservation of 3 credits in Acme was not captured in time; the credits are available "
                                + "again."),
                text("unusual usage, title", () -> NotificationTexts.unusualUsageTitle("cleo"),
                        "Unusual usage by cleo"),
                text("unusual usage",
                        () -> NotificationTexts.unusualUsageBody("cleo", 500, "Acme", "2026-12-01", "7.0", "20.0", 3),
                        "cleo used 500 credits in Acme on 2026-12-01, more than 7.0 times their daily average of "
                                + "20.0 over the 3 days before."),
                text("you joined, title", () -> NotificationTexts.youJoinedTitle("Acme"), "You joined Acme"),
                text("you joined", () -> NotificationTexts.youJoinedBody("Acme", "MEMBER"),
                        "You are now a member of Acme with the role MEMBER."),
                text("member joined, title", () -> NotificationTexts.memberJoinedTitle("ben", "Acme"),
                        "ben joined Acme"),
                text("member joined, with email",
                        () -> NotificationTexts.memberJoinedBody("ben", "ben@acme.example", "Acme", "MEMBER"),
                        "ben (ben@acme.example) joined Acme as MEMBER."),
                text("member joined, no email", () -> NotificationTexts.memberJoinedBody("ben", null, "Acme", "ADMIN"),
                        "ben joined Acme as ADMIN."),
                text("you left, title", () -> NotificationTexts.youLeftTitle("Acme"), "You were removed from Acme"),
                text("you left", () -> NotificationTexts.youLeftBody("Acme"),
                        "You are no longer a member of Acme. Credits in your balance there went back to its pool."),
                text("member left, title", () -> NotificationTexts.memberLeftTitle("ben", "Acme"), "ben left Acme"),
                text("member left, with email",
                        () -> NotificationTexts.memberLeftBody("ben", "ben@acme.example", "Acme"),
                        "ben (ben@acme.example) is no longer a member of Acme."),
                text("member left, empty email", () -> NotificationTexts.memberLeftBody("ben", "", "Acme"),
                        "ben is no longer a member of Acme."),
                text("top-up completed, title", () -> NotificationTexts.topUpCompletedTitle(500),
                        "Top-up of 500 credits completed"),
                text("top-up completed",
                        () -> NotificationTexts.topUpCompletedBody(NotificationTexts.yourRequest(), 500,
                                NotificationTexts.teamPool("Acme"), "pay_1", NotificationTexts.poolNow(1500)),
                        "Your top-up request of 500 credits for the team pool of Acme was paid (payment pay_1); the "
                                + "credits have arrived. The pool now has 1500."),
                text("top-up completed, no payment reference, no balance the reader may read",
                        () -> NotificationTexts.topUpCompletedBody(NotificationTexts.requestOf("Ada"), 500,
                                NotificationTexts.balanceOf("ben", "Acme"), null, ""),
                        "Ada's top-up request of 500 credits for ben's balance in Acme was paid; the credits have "
                                + "arrived."),
                text("credits purchased, title", () -> NotificationTexts.creditsPurchasedTitle(500),
                        "500 credits bought"),
                text("credits purchased",
                        () -> NotificationTexts.creditsPurchasedBody(500, NotificationTexts.yourBalanceIn("Acme"),
                                "pay_2", NotificationTexts.yourBalanceNow(540)),
                        "500 credits were bought for your balance in Acme (payment pay_2). Your balance is now 540."),
                text("credits purchased, personal",
                        () -> NotificationTexts.creditsPurchasedBody(50, NotificationTexts.yourPersonalBalance(),
                                "", NotificationTexts.yourPersonalBalanceNow(60)),
                        "50 credits were bought for your personal balance. Your personal balance is now 60."),
                text("top-up declined, title", () -> NotificationTexts.topUpDeclinedTitle(500),
                        "Top-up of 500 credits declined"),
                text("top-up declined",
                        () -> NotificationTexts.topUpDeclinedBody(NotificationTexts.autoTopUpRequest(), 500,
                                NotificationTexts.teamPool("Acme"), "card expired"),
                        "The auto top-up's request of 500 credits for the team pool of Acme was declined — reason: "
                                + "card expired. No credits were added."),
                text("top-up declined, no reason given",
                        () -> NotificationTexts.topUpDeclinedBody(NotificationTexts.someRequest(), 5,
                                NotificationTexts.personalBalanceOf("zoe"), null),
                        "A top-up request of 5 credits for zoe's personal balance was declined. No credits were "
                                + "added."),
                text("top-up expired, title", () -> NotificationTexts.topUpExpiredTitle(500),
                        "Top-up of 500 credits expired"),
                text("top-up expired",
                        () -> NotificationTexts.topUpExpiredBody(NotificationTexts.yourRequest(), 500,
                                NotificationTexts.yourPersonalBalance()),
                        "Your top-up request of 500 credits for your personal balance was neither paid nor declined "
                                + "in time and has expired. No credits were added."),
                text("operator grant, title", () -> NotificationTexts.operatorGrantTitle(500), "500 credits granted"),
                text("operator grant",
                        () -> NotificationTexts.operatorGrantBody(500, NotificationTexts.teamPool("Acme"), "migration",
                                NotificationTexts.poolNow(1500)),
                        "An operator granted 500 credits to the team pool of Acme — reason: migration. The pool now "
                                + "has 1500."),
                text("the pool", NotificationTexts::pool, "the pool"),
                text("email footer", NotificationTexts::emailFooter,
                        "Team Credits. Choose which notifications reach you by email in your notification "
                                + "preferences."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void everySentenceReadsAsWritten(String what, Supplier<String> text, String expected) {
        assertEquals(expected, text.get());
    }

    private static Arguments text(String what, Supplier<String> text, String expected) {
        return Arguments.of(what, text, expected);
    }
}
