package dev.teamcredits.usage.service;

import dev.teamcredits.common.rest.OrgProblems;
import dev.teamcredits.common.rest.ProblemException;
import dev.teamcredits.common.security.Caller;
import dev.teamcredits.usage.rest.dto.UsageViews.CycleSummary;
import dev.teamcredits.usage.rest.dto.UsageViews.CycleUsage;
import dev.teamcredits.usage.rest.dto.UsageViews.Day;
import dev.teamcredits.usage.rest.dto.UsageViews.MemberUsage;
import dev.teamcredits.usage.rest.dto.UsageViews.PoolCard;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Usage as the caller may see it: admins the whole org, members the pool card and their own rows. */
@ApplicationScoped
public class UsageQueries {

    private final Pool pool;

    public UsageQueries(Pool pool) {
        this.pool = pool;
    }

    private record Me(String userId, boolean admin) {
    }

    private Uni<Me> me(UUID orgId, Caller caller) {
        return pool.preparedQuery("SELECT role FROM member_info WHERE org_id = $1 AND user_id = $2 AND active")
                .execute(Tuple.of(orgId, caller.subject())).map(rows -> {
                    if (rows.size() == 0) {
                        throw OrgProblems.orgNotFound();
                    }
                    return new Me(caller.subject(), "ADMIN".equals(rows.iterator().next().getString(0)));
                });
    }

    /** {@code cycle}: "current" or a cycle's start date. */
    public Uni<CycleUsage> cycle(Caller caller, UUID orgId, String cycle) {
        return me(orgId, caller).chain(me -> pool.preparedQuery("SELECT p.cycle_start, p.cycle_end, p.total_in, "
                + "p.cycle_start = o.cycle_start, s.available FROM pool_cycle p JOIN org_cycle o ON o.org_id = p.org_id "
                + "LEFT JOIN pool_state s ON s.org_id = p.org_id WHERE p.org_id = $1 AND "
                + "($2::date IS NULL AND p.cycle_start = o.cycle_start OR p.cycle_start = $2::date)")
                .execute(Tuple.from(Arrays.asList(orgId, cycleDate(cycle)))).chain(rows -> {
                    if (rows.size() == 0) {
                        throw new ProblemException("cycle-not-found", "Cycle not found", 404,
                                "This org has no cycle starting " + cycle + ".");
                    }
                    Row p = rows.iterator().next();
                    LocalDate start = p.getLocalDate(0);
                    PoolCard card = new PoolCard(p.getBoolean(3) ? p.getLong(4) : null, p.getLong(2));
                    return members(orgId, start, me).map(members -> new CycleUsage(orgId, start, p.getLocalDate(1), card,
                            members));
                }));
    }

    private Uni<List<MemberUsage>> members(UUID orgId, LocalDate cycleStart, Me me) {
        return pool.preparedQuery("SELECT m.user_id, m.email, m.display_name, coalesce(u.from_pool, 0), "
                + "coalesce(u.from_member, 0), coalesce(u.from_personal, 0), coalesce(u.spends, 0) FROM member_info m "
                + "LEFT JOIN member_cycle_usage u ON u.org_id = m.org_id AND u.user_id = m.user_id AND u.cycle_start = $2 "
                + "WHERE m.org_id = $1 AND (m.active OR u.user_id IS NOT NULL) AND ($3::text IS NULL OR m.user_id = $3) "
                + "ORDER BY m.user_id")
                .execute(Tuple.from(Arrays.asList(orgId, cycleStart, me.admin() ? null : me.userId())))
                .chain(rows -> pool.preparedQuery("SELECT user_id, action, credits FROM member_cycle_action "
                        + "WHERE org_id = $1 AND cycle_start = $2 ORDER BY action").execute(Tuple.of(orgId, cycleStart))
                        .map(actions -> {
                            Map<String, Map<String, Long>> byUser = new LinkedHashMap<>();
                            for (Row a : actions) {
                                byUser.computeIfAbsent(a.getString(0), k -> new LinkedHashMap<>())
                                        .put(a.getString(1), a.getLong(2));
                            }
                            List<MemberUsage> list = new ArrayList<>();
                            for (Row r : rows) {
                                list.add(new MemberUsage(r.getString(0), r.getString(1), r.getString(2), r.getLong(3),
                                        r.getLong(4), r.getLong(5), r.getLong(6),
                                        byUser.getOrDefault(r.getString(0), Map.of())));
                            }
                            return list;
                        }));
    }

    /** Every cycle of the org, newest first, with totals (a member sees their own totals). */
    public Uni<List<CycleSummary>> cycles(Caller caller, UUID orgId) {
        return me(orgId, caller).chain(me -> pool.preparedQuery("SELECT p.cycle_start, p.cycle_end, p.total_in, "
                + "coalesce(sum(u.from_pool), 0), coalesce(sum(u.from_member), 0), coalesce(sum(u.from_personal), 0), "
                + "coalesce(sum(u.spends), 0) FROM pool_cycle p LEFT JOIN member_cycle_usage u ON u.org_id = p.org_id "
                + "AND u.cycle_start = p.cycle_start AND ($2::text IS NULL OR u.user_id = $2) WHERE p.org_id = $1 "
                + "GROUP BY p.cycle_start, p.cycle_end, p.total_in ORDER BY p.cycle_start DESC")
                .execute(Tuple.from(Arrays.asList(orgId, me.admin() ? null : me.userId()))).map(rows -> {
                    List<CycleSummary> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new CycleSummary(r.getLocalDate(0), r.getLocalDate(1), r.getLong(2),
                            r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6))));
                    return list;
                }));
    }

    /** Daily credits of one member ({@code userId}) or, for admins, of the whole org ({@code userId} null). */
    public Uni<List<Day>> daily(Caller caller, UUID orgId, String userId, LocalDate from, LocalDate to) {
        if (from.isAfter(to) || from.plusDays(366).isBefore(to)) {
            throw new ProblemException("invalid-range", "Invalid date range", 400,
                    "from must not be after to, and the range is at most 366 days.");
        }
        return me(orgId, caller).chain(me -> {
            if (!me.admin() && (userId == null || !userId.equals(me.userId()))) {
                throw OrgProblems.adminRequired();
            }
            return pool.preparedQuery("SELECT d::date, coalesce(sum(u.credits), 0), coalesce(sum(u.spends), 0) "
                    + "FROM generate_series($2::date, $3::date, interval '1 day') d LEFT JOIN daily_usage u "
                    + "ON u.day = d::date AND u.org_id = $1 AND ($4::text IS NULL OR u.user_id = $4) "
                    + "GROUP BY d ORDER BY d")
                    .execute(Tuple.from(Arrays.asList(orgId, from, to, userId))).map(rows -> {
                        List<Day> days = new ArrayList<>();
                        rows.forEach(r -> days.add(new Day(r.getLocalDate(0), r.getLong(1), r.getLong(2))));
                        return days;
                    });
        });
    }

    private static LocalDate cycleDate(String cycle) {
        if (cycle == null || "current".equals(cycle)) {
            return null;
        }
        try {
            return LocalDate.parse(cycle);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ProblemException("invalid-cycle", "Invalid cycle", 400,
                    "cycle is 'current' or a cycle's start date (yyyy-mm-dd).");
        }
    }
}
