package dev.teamcredits.ledger.service;

import dev.teamcredits.events.ledger.AccountRef;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.repository.LedgerRepository.AccountSpec;
import java.util.UUID;

/** How to create the accounts of an org and its users. */
public final class Accounts {

    private Accounts() {
    }

    public static AccountSpec pool(UUID orgId) {
        return new AccountSpec(Account.poolRef(orgId), AccountRef.Kind.POOL, orgId, null);
    }

    public static AccountSpec member(UUID orgId, String userId) {
        return new AccountSpec(Account.memberRef(orgId, userId), AccountRef.Kind.MEMBER, orgId, userId);
    }

    public static AccountSpec personal(String userId) {
        return new AccountSpec(Account.personalRef(userId), AccountRef.Kind.PERSONAL, null, userId);
    }

    public static AccountSpec of(UUID orgId, AccountRef ref) {
        return switch (ref.kind()) {
            case POOL -> pool(orgId);
            case MEMBER -> member(orgId, ref.userId());
            case PERSONAL -> personal(ref.userId());
        };
    }
}
