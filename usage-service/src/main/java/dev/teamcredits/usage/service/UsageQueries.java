package dev.teamcredits.usage.service;

import dev.teamcredits.common.rest.OrgProblems;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.usage.domain.DailySeries;
import dev.teamcredits.usage.domain.UsageViewer;
import dev.teamcredits.usage.domain.report.CycleTotals;
import dev.teamcredits.usage.domain.report.CycleUsageReport;
import dev.teamcredits.usage.domain.report.DayTotals;
import dev.teamcredits.usage.domain.report.PoolCycleTotals;
import dev.teamcredits.usage.repository.UsageReportRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** Usage as the caller may see it (see {@link UsageViewer}); someone who is not an active member gets a 404. */
@ApplicationScoped
public class UsageQueries {

    private static final String CURRENT = "current";

    private final Pool pool;
    private final UsageReportRepository reports;

    public UsageQueries(Pool pool, UsageReportRepository reports) {
        this.pool = pool;
        this.reports = reports;
    }

    /** {@code cycle}: "current" (or null) or a cycle's start date; checked once the caller is known to be a member. */
    public Uni<CycleUsageReport> cycle(Caller caller, UUID orgId, String cycle) {
        return viewer(caller, orgId).chain(viewer -> reports.poolCycle(pool, orgId, cycleStart(cycle))
                .chain(found -> {
                    UsageReportRepository.PoolCycleRow p = found.orElseThrow(() -> UsageProblems.cycleNotFound(cycle));
                    PoolCycleTotals card = PoolCycleTotals.of(p.current(), p.availableNow(), p.totalIn());
                    return reports.memberUsage(pool, orgId, p.start(), viewer.onlyMember())
                            .map(members -> new CycleUsageReport(orgId, p.start(), p.end(), card, members));
                }));
    }

    /** Every cycle of the org, newest first, with totals (a member sees their own totals). */
    public Uni<List<CycleTotals>> cycles(Caller caller, UUID orgId) {
        return viewer(caller, orgId).chain(viewer -> reports.cycleTotals(pool, orgId, viewer.onlyMember()));
    }

    /** Daily credits of one member ({@code userId}) or, for admins, of the whole org ({@code userId} null). */
    public Uni<List<DayTotals>> daily(Caller caller, UUID orgId, String userId, LocalDate from, LocalDate to) {
        if (!DailySeries.isValidRange(from, to)) {
            throw UsageProblems.invalidRange();
        }
        return viewer(caller, orgId).chain(viewer -> {
            if (!viewer.maySeeDailyOf(userId)) {
                throw OrgProblems.adminRequired();
            }
            return reports.dailyTotals(pool, orgId, from, to, userId);
        });
    }

    private Uni<UsageViewer> viewer(Caller caller, UUID orgId) {
        return reports.activeRole(pool, orgId, caller.subject()).map(role -> UsageViewer.of(caller.subject(),
                role.orElseThrow(OrgProblems::orgNotFound)));
    }

    /** The start date the cycle parameter names, or null for the current cycle. */
    private static LocalDate cycleStart(String cycle) {
        if (cycle == null || CURRENT.equals(cycle)) {
            return null;
        }
        try {
            return LocalDate.parse(cycle);
        } catch (DateTimeParseException e) {
            throw UsageProblems.invalidCycle();
        }
    }
}
