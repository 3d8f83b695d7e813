package dev.teamcredits.ledger.service;

import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.repository.ProjectionRepository.MemberRow;
import dev.teamcredits.ledger.repository.ProjectionRepository.OrgRow;
import java.util.List;

/** The team page's numbers: the org's cycle, its pool, and the members the caller may see with their balances. */
public record TeamBalances(OrgRow org, Account pool, List<MemberAccount> members) {

    /**
     * @param drawnThisCycle pool credits this member spent this cycle (counts against their cap)
     * @param held           pool credits this member's open reservations hold (count against it too)
     */
    public record MemberAccount(MemberRow member, Account account, long drawnThisCycle, long held) {
    }
}
