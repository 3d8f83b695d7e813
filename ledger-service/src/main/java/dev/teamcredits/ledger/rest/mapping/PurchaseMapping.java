package dev.teamcredits.ledger.rest.mapping;

import dev.teamcredits.ledger.domain.AccountKey;
import dev.teamcredits.ledger.domain.TopUpStatus;
import dev.teamcredits.ledger.repository.TopUpRepository.HistoryRow;
import dev.teamcredits.ledger.rest.dto.AccountBody;
import dev.teamcredits.ledger.rest.dto.GrantView;
import dev.teamcredits.ledger.rest.dto.PurchaseBody;
import dev.teamcredits.ledger.rest.dto.PurchaseHistoryItem;
import dev.teamcredits.ledger.rest.dto.PurchaseHistoryPage;
import dev.teamcredits.ledger.rest.dto.PurchaseView;
import dev.teamcredits.ledger.rest.dto.TopUpRequestView;
import dev.teamcredits.ledger.service.OperatorGrant;
import dev.teamcredits.ledger.service.Purchase;
import dev.teamcredits.ledger.service.PurchaseHistoryQueries;
import dev.teamcredits.ledger.service.PurchaseService.PurchaseCommand;
import dev.teamcredits.ledger.service.TopUpRequestState;

/** Where the DTOs of buying credits (requests, purchases, grants, purchase history) meet the use cases. */
public final class PurchaseMapping {

    private PurchaseMapping() {
    }

    public static AccountKey account(AccountBody a) {
        if (a == null) {
            return null;
        }
        if (a.orgId() == null) {
            return AccountKey.personal(a.userId());
        }
        return a.userId() == null ? AccountKey.pool(a.orgId()) : AccountKey.member(a.orgId(), a.userId());
    }

    public static PurchaseCommand command(PurchaseBody b) {
        return new PurchaseCommand(account(b.account()), b.amount(), b.paymentReference(), b.topUpRequestId(),
                b.price(), b.currency());
    }

    public static TopUpRequestView dto(TopUpRequestState r) {
        return new TopUpRequestView(r.id(), r.orgId(), r.account(), r.amount(), r.status(), r.requestedBy(),
                r.automatic(), r.createdAt(), r.expiresAt(), r.settledAt(), r.declineReason(), r.purchaseId(),
                r.paymentReference());
    }

    public static PurchaseView dto(Purchase p) {
        return new PurchaseView(p.id(), p.transactionId(), p.orgId(), p.account(), p.amount(), p.paymentReference(),
                p.topUpRequestId(), p.price(), p.currency(), p.requestedBy(), p.recordedBy(), p.createdAt(), p.after());
    }

    public static GrantView dto(OperatorGrant g) {
        return new GrantView(g.transactionId(), g.orgId(), g.account(), g.amount(), g.reason(), g.grantedBy(),
                g.createdAt(), g.after());
    }

    public static PurchaseHistoryPage dto(PurchaseHistoryQueries.PurchaseHistoryPage page) {
        return new PurchaseHistoryPage(page.items().stream().map(PurchaseMapping::dto).toList(), page.nextCursor());
    }

    private static PurchaseHistoryItem dto(HistoryRow r) {
        return new PurchaseHistoryItem(r.kind(), r.requestId(), r.purchaseId(), r.amount(),
                TopUpStatus.valueOf(r.status()).label(), r.paymentReference(), r.price(), r.currency(), r.requestedBy(),
                r.automatic(), r.declineReason(), r.createdAt(), r.settledAt());
    }
}
