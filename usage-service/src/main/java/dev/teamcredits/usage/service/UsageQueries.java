package dev.teamcredits.usage.service;

import dev.teamcredits.common.rest.Cursors;
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
    /** The cycles list's cursor scope: its own, so a ledger history cursor of the same org is not one of it. */
    private static final String CYCLES = "usage-cycles:";
    private static final long FIRST_DAY = LocalDate.of(1, 1, 1).toEpochDay();
    private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

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

    /**
     * A page of the org's cycles, newest first, with totals (a member sees their own totals).
     *
     * @param nextCursor continues with the cycles before this page's last; null on the last page
     */
    public record CyclesPage(List<CycleTotals> items, String nextCursor) {
    }

    /**
     * The org's cycles, newest first, {@code limit} at a time; {@code cursor} (a page's {@code nextCursor}, or null
     * for the first page) is bound to the org's list: another list's is 400 {@code invalid-cursor}.
     */
    public Uni<CyclesPage> cycles(Caller caller, UUID orgId, String cursor, int limit) {
        String scope = CYCLES + orgId;
        LocalDate before = cursor == null ? null : before(scope, cursor);
        return viewer(caller, orgId).chain(viewer -> reports.cycleTotals(pool, orgId, viewer.onlyMember(), before,
                limit + 1)).map(rows -> {
                    boolean more = rows.size() > limit;
                    List<CycleTotals> page = more ? rows.subList(0, limit) : rows;
                    return new CyclesPage(page, more
                            ? Cursors.encode(scope, page.get(page.size() - 1).cycleStart().toEpochDay()) : null);
                });
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

    /**
     * The cycle start a cursor continues before. Cursors are opaque but not signed: one made up with a day no cycle
     * can start on (past year 9999, or before year 1) is refused like a tampered one, never handed to Java's or
     * PostgreSQL's date range.
     */
    private static LocalDate before(String scope, String cursor) {
        long day = Cursors.decode(scope, cursor);
        if (day < FIRST_DAY || day > LAST_DAY) {
            throw UsageProblems.invalidCursor();
        }
        return LocalDate.ofEpochDay(day);
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
