package dev.teamcredits.usage.rest.mapping;

import dev.teamcredits.usage.domain.report.CycleUsageReport;
import dev.teamcredits.usage.domain.report.DayTotals;
import dev.teamcredits.usage.domain.report.MemberCycleUsage;
import dev.teamcredits.usage.rest.dto.CycleSummary;
import dev.teamcredits.usage.rest.dto.CycleSummaryPage;
import dev.teamcredits.usage.rest.dto.CycleUsage;
import dev.teamcredits.usage.rest.dto.Day;
import dev.teamcredits.usage.rest.dto.MemberUsage;
import dev.teamcredits.usage.rest.dto.PoolCard;
import dev.teamcredits.usage.service.UsageQueries;
import java.util.List;

/** From the queries' reports to the API's DTOs: the JSON shapes live only here and in {@code dto}. */
public final class UsageMapping {

    private UsageMapping() {
    }

    public static CycleUsage cycleUsage(CycleUsageReport r) {
        return new CycleUsage(r.orgId(), r.cycleStart(), r.cycleEnd(),
                new PoolCard(r.pool().available(), r.pool().total()),
                r.members().stream().map(UsageMapping::memberUsage).toList());
    }

    private static MemberUsage memberUsage(MemberCycleUsage m) {
        return new MemberUsage(m.userId(), m.email(), m.displayName(), m.fromPool(), m.fromMember(), m.fromPersonal(),
                m.spends(), m.creditsByAction());
    }

    public static CycleSummaryPage cyclePage(UsageQueries.CyclesPage page) {
        return new CycleSummaryPage(page.items().stream().map(c -> new CycleSummary(c.cycleStart(), c.cycleEnd(),
                c.poolTotal(), c.fromPool(), c.fromMember(), c.fromPersonal(), c.spends())).toList(), page.nextCursor());
    }

    public static List<Day> days(List<DayTotals> days) {
        return days.stream().map(d -> new Day(d.day(), d.credits(), d.spends())).toList();
    }
}
