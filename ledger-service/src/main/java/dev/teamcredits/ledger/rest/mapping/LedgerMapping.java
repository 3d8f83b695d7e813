package dev.teamcredits.ledger.rest.mapping;

import dev.teamcredits.common.rest.Problem;
import dev.teamcredits.ledger.domain.Account;
import dev.teamcredits.ledger.domain.CycleClosing;
import dev.teamcredits.ledger.rest.dto.AutoTopUpRequest;
import dev.teamcredits.ledger.rest.dto.BalancesResponse;
import dev.teamcredits.ledger.rest.dto.CycleCloseResponse;
import dev.teamcredits.ledger.rest.dto.LotView;
import dev.teamcredits.ledger.rest.dto.PersonalBalanceResponse;
import dev.teamcredits.ledger.rest.dto.RecurringAllocationRequest;
import dev.teamcredits.ledger.rest.dto.ReservationResponse;
import dev.teamcredits.ledger.rest.dto.ReserveRequest;
import dev.teamcredits.ledger.rest.dto.ReversalRequest;
import dev.teamcredits.ledger.rest.dto.SpendBatchRequest;
import dev.teamcredits.ledger.rest.dto.SpendBatchResponse;
import dev.teamcredits.ledger.rest.dto.SpendRequest;
import dev.teamcredits.ledger.rest.dto.SpendResponse;
import dev.teamcredits.ledger.rest.dto.TransactionPage;
import dev.teamcredits.ledger.rest.dto.TransactionView;
import dev.teamcredits.ledger.rest.dto.TransferRequest;
import dev.teamcredits.ledger.rest.dto.TransferResponse;
import dev.teamcredits.ledger.service.AutoTopUpService.AutoTopUpSetting;
import dev.teamcredits.ledger.service.Charge;
import dev.teamcredits.ledger.service.CycleClose;
import dev.teamcredits.ledger.service.HistoryQueries.HistoryPage;
import dev.teamcredits.ledger.service.RecurringAllocationService.RecurringAllocation;
import dev.teamcredits.ledger.service.Reservation;
import dev.teamcredits.ledger.service.ReservationService.ReserveCommand;
import dev.teamcredits.ledger.service.SpendResult;
import dev.teamcredits.ledger.service.SpendService;
import dev.teamcredits.ledger.service.SpendService.SpendCommand;
import dev.teamcredits.ledger.service.TeamBalances;
import dev.teamcredits.ledger.service.Transfer;
import dev.teamcredits.ledger.service.TransferService.ReversalCommand;
import dev.teamcredits.ledger.service.TransferService.TransferCommand;
import java.util.List;

/** Between the API's DTOs and the use cases' commands and results: the JSON shapes live only here and in {@code dto}. */
public final class LedgerMapping {

    private LedgerMapping() {
    }

    public static SpendCommand command(SpendRequest r) {
        return new SpendCommand(r.userId(), r.action(), r.quantity(), r.resultValid());
    }

    public static List<SpendService.BatchItem> items(SpendBatchRequest r) {
        return r.spends().stream().map(i -> new SpendService.BatchItem(i.idempotencyKey(),
                new SpendCommand(i.userId(), i.action(), i.quantity(), i.resultValid()))).toList();
    }

    /** Each item's answer, with the status it would have had as a single spend. */
    public static SpendBatchResponse dto(List<SpendResult> results) {
        return new SpendBatchResponse(results.stream().map(result -> {
            if (result instanceof SpendResult.Charged c) {
                return new SpendBatchResponse.Result(200, false, dto(c.charge()), null);
            }
            if (result instanceof SpendResult.Replayed r) {
                return new SpendBatchResponse.Result(200, true, dto(r.charge()), null);
            }
            Problem problem = ((SpendResult.Refused) result).problem().problem();
            return new SpendBatchResponse.Result(problem.getStatus(), null, null, problem);
        }).toList());
    }

    public static ReserveCommand command(ReserveRequest r) {
        return new ReserveCommand(r.userId(), r.action(), r.quantity(), r.amount(), r.ttlSeconds());
    }

    public static TransferCommand command(TransferRequest r) {
        return new TransferCommand(r.from(), r.to(), r.amount(), r.reason());
    }

    public static ReversalCommand command(ReversalRequest r) {
        return new ReversalCommand(r.amount(), r.reason());
    }

    public static AutoTopUpSetting setting(AutoTopUpRequest r) {
        return new AutoTopUpSetting(r.threshold(), r.amount(), r.perCycleLimit());
    }

    public static AutoTopUpRequest dto(AutoTopUpSetting s) {
        return new AutoTopUpRequest(s.threshold(), s.amount(), s.perCycleLimit());
    }

    public static RecurringAllocation allocation(RecurringAllocationRequest r) {
        return new RecurringAllocation(CycleClosing.Mode.valueOf(r.mode()), r.amount());
    }

    public static RecurringAllocationRequest dto(RecurringAllocation a) {
        return new RecurringAllocationRequest(a.mode().name(), a.amount());
    }

    public static SpendResponse dto(Charge c) {
        return new SpendResponse(c.transactionId(), c.userId(), c.action(), c.quantity(), c.amount(), c.sources(),
                c.pool(), c.member(), c.personal());
    }

    public static TransferResponse dto(Transfer t) {
        return new TransferResponse(t.transactionId(), t.preview(), t.amount(), t.reason(), t.reversalOf(), t.from(),
                t.to(), t.at());
    }

    public static ReservationResponse dto(Reservation r) {
        return new ReservationResponse(r.id(), r.userId(), r.action(), r.amount(), r.holds(), r.status(), r.captured(),
                r.transactionId(), r.expiresAt());
    }


    public static CycleCloseResponse dto(CycleClose c) {
        return new CycleCloseResponse(c.orgId(), c.closedCycleStart(), c.cycleStart(), c.cycleEnd(), c.granted(),
                c.pool());
    }

    public static BalancesResponse dto(TeamBalances b) {
        Account pool = b.pool();
        return new BalancesResponse(b.org().orgId(), b.org().cycleStart(), b.org().cycleEnd(),
                new BalancesResponse.PoolBalance(pool.balance, pool.reserved, pool.available(), pool.cycleIn, lots(pool)),
                b.members().stream().map(m -> new BalancesResponse.MemberBalance(m.member().userId(),
                        m.member().email(), m.member().displayName(), m.member().active(), m.account().balance,
                        m.account().reserved, m.account().available(), m.member().poolAccess(), m.member().poolCap(),
                        m.drawnThisCycle(), m.held(), lots(m.account()))).toList());
    }

    public static PersonalBalanceResponse personal(Account a) {
        return new PersonalBalanceResponse(a.asRef(), a.balance, a.reserved, a.available(), lots(a));
    }

    public static TransactionPage dto(HistoryPage page) {
        return new TransactionPage(page.items().stream().map(r -> new TransactionView(r.id(), r.at(), r.type(),
                r.amount(), r.actor(), r.reason(), r.reverses(), r.accounts())).toList(), page.nextCursor());
    }

    private static List<LotView> lots(Account account) {
        return account.creditsByKindAndExpiry().stream()
                .map(c -> new LotView(c.kind().name(), c.expiresAt(), c.remaining())).toList();
    }
}
