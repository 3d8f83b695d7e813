package dev.teamcredits.model;

import static dev.teamcredits.model.Fixture.ADMIN;
import static dev.teamcredits.model.Fixture.BACKEND;
import static dev.teamcredits.model.Fixture.TOP_UP;
import static dev.teamcredits.model.Fixture.U1;
import static dev.teamcredits.model.Fixture.assertRefused;
import static dev.teamcredits.model.Fixture.buckets;
import static dev.teamcredits.model.Fixture.buy;
import static dev.teamcredits.model.Fixture.close;
import static dev.teamcredits.model.Fixture.join;
import static dev.teamcredits.model.Fixture.key;
import static dev.teamcredits.model.Fixture.ok;
import static dev.teamcredits.model.Fixture.org;
import static dev.teamcredits.model.Fixture.reserve;
import static dev.teamcredits.model.Fixture.reverse;
import static dev.teamcredits.model.Fixture.snapshot;
import static dev.teamcredits.model.Fixture.spend;
import static dev.teamcredits.model.Fixture.sub;
import static dev.teamcredits.model.Fixture.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransferTest {

    @Test
    void aTransferMovesCreditsInBurnOrderWithTheirKindAndExpiry() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        buy(m, "pool", 50);

        Answer answer = transfer(m, "pool", "u1", 120);

        assertEquals(new Answer.Moved("T1", false, 120, new View(Acct.pool(), 30, 0, 30),
                new View(Acct.member("u1"), 120, 0, 120)), answer);
        assertEquals(buckets(TOP_UP, 30), m.state(Acct.pool()).buckets());
        assertEquals(buckets(sub(1), 100, TOP_UP, 20), m.state(Acct.member("u1")).buckets());
        assertEquals(150, m.poolTotalThisCycle());
        assertEquals(List.of(new MoneyModel.TransferInfo("T1", "pool", "u1", 120,
                MoneyModel.TransferInfo.Kind.ADMIN, null)), m.transfers());
    }

    @Test
    void creditsTransferredIntoThePoolCountInItsTotalThisCycle() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        join(m, "u2", true, null);
        transfer(m, "pool", "u1", 40);
        transfer(m, "u1", "u2", 10);
        transfer(m, "u1", "pool", 25);
        assertEquals(125, m.poolTotalThisCycle());
    }

    @Test
    void transferChecksComeInReadmeOrderAndRefusalsChangeNothing() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        String before = snapshot(m);

        assertRefused(m.apply(new Op.Transfer(ADMIN, key(), "pool", "u1", 0, "r")), 400, "validation-failed");
        assertRefused(m.apply(new Op.Transfer(Who.user("stranger"), key(), "pool", "u1", 1, "r")), 404,
                "org-not-found");
        assertRefused(m.apply(new Op.Transfer(BACKEND, key(), "pool", "u1", 1, "r")), 404, "org-not-found");
        assertRefused(m.apply(new Op.Transfer(U1, key(), "pool", "u1", 1, "r")), 403, "admin-required");
        assertRefused(m.apply(new Op.Transfer(ADMIN, key(), "nobody", "pool", 1, "r")), 404, "member-not-found");
        assertRefused(m.apply(new Op.Transfer(ADMIN, key(), "pool", "nobody", 1, "r")), 404, "member-not-found");
        assertRefused(m.apply(new Op.Transfer(ADMIN, key(), "u1", "u1", 1, "r")), 422, "same-account");
        assertRefused(m.apply(new Op.Transfer(ADMIN, key(), "pool", "u1", 130, "r")), 409,
                "insufficient-available-credits", Map.of("available", 100L, "shortfall", 30L));
        assertEquals(before, snapshot(m));
    }

    @Test
    void onlyAvailableCreditsCanBeTransferred() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        reserve(m, U1, null, 70);
        assertRefused(transfer(m, "pool", "u1", 31), 409, "insufficient-available-credits",
                Map.of("available", 30L, "shortfall", 1L));
        ok(transfer(m, "pool", "u1", 30), Answer.Moved.class);
    }

    @Test
    void aPreviewAnswersWhatTheTransferWouldAndChangesNothingNotEvenARequestOfItsAutoTopUp() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        m.apply(new Op.SetAutoTopUp(ADMIN, "pool", 50, 25, 3));
        String before = snapshot(m);

        Answer answer = m.apply(new Op.Preview(ADMIN, "pool", "u1", 60, "r"));

        // 100 - 60 = 40 is below the threshold of 50: the transfer would make a request, which brings no credits.
        assertEquals(new Answer.Moved(null, true, 60, new View(Acct.pool(), 40, 0, 40),
                new View(Acct.member("u1"), 60, 0, 60)), answer);
        assertEquals(before, snapshot(m));
        assertRefused(m.apply(new Op.Preview(U1, "pool", "u1", 60, "r")), 403, "admin-required");
    }

    @Test
    void allReversalsOfOneTransferTogetherNeverExceedIt() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        transfer(m, "pool", "u1", 50);

        assertEquals(new Answer.Moved("T2", false, 20, new View(Acct.member("u1"), 30, 0, 30),
                new View(Acct.pool(), 70, 0, 70)), reverse(m, "T1", 20L));
        assertRefused(reverse(m, "T1", 31L), 409, "reversal-exceeds-transfer", Map.of("reversible", 30L));
        assertEquals(30, ok(reverse(m, "T1", null), Answer.Moved.class).amount());
        assertRefused(reverse(m, "T1", null), 409, "reversal-exceeds-transfer", Map.of("reversible", 0L));
        assertEquals(new MoneyModel.TransferInfo("T3", "u1", "pool", 30, MoneyModel.TransferInfo.Kind.REVERSAL,
                "T1"), m.transfers().get(2));
        assertEquals(150, m.poolTotalThisCycle());
    }

    @Test
    void sweepsRecurringAllocationsAndReversalsCannotBeReversed() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        join(m, "u2", true, null);
        transfer(m, "pool", "u1", 10);
        reverse(m, "T1", 5L);
        transfer(m, "pool", "u2", 10);
        m.apply(new Op.Leave("u2"));
        m.apply(new Op.SetRecurring(ADMIN, "u1", "ADD", 10));
        close(m);

        assertEquals(List.of(MoneyModel.TransferInfo.Kind.ADMIN, MoneyModel.TransferInfo.Kind.REVERSAL,
                MoneyModel.TransferInfo.Kind.ADMIN, MoneyModel.TransferInfo.Kind.SWEEP,
                MoneyModel.TransferInfo.Kind.RECURRING), m.transfers().stream().map(t -> t.kind()).toList());
        for (String id : List.of("T2", "T4", "T5")) {
            assertRefused(reverse(m, id, 1L), 409, "transfer-not-reversible");
        }
        assertRefused(reverse(m, "T9", 1L), 404, "transfer-not-found");
    }

    @Test
    void aTransferWithAMemberWhoLeftCannotBeReversed() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        transfer(m, "pool", "u1", 10);
        m.apply(new Op.Leave("u1"));
        assertRefused(reverse(m, "T1", null), 409, "member-inactive", Map.of("userId", "u1"));
        join(m, "u1", true, null);
        assertRefused(reverse(m, "T1", null), 409, "insufficient-available-credits",
                Map.of("available", 0L, "shortfall", 10L));
    }

    @Test
    void aReversalNeedsTheRecipientsAvailableCredits() {
        MoneyModel m = org();
        join(m, "u1", false, null);
        transfer(m, "pool", "u1", 50);
        spend(m, "u1", 40);
        assertRefused(reverse(m, "T1", null), 409, "insufficient-available-credits",
                Map.of("available", 10L, "shortfall", 40L));
        assertRefused(m.apply(new Op.Reverse(U1, key(), "T1", null, "r")), 403, "admin-required");
    }

    @Test
    void transferredSubscriptionCreditsKeepTheirExpiryAndExpireInTheMemberBalance() {
        MoneyModel m = org();
        join(m, "u1", true, null);
        transfer(m, "pool", "u1", 30);
        close(m);
        assertEquals(0, m.state(Acct.member("u1")).balance());
        assertEquals(100, m.expired());
    }
}
