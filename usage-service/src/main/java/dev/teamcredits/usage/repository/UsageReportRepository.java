package dev.teamcredits.usage.repository;

import dev.teamcredits.usage.domain.report.CycleTotals;
import dev.teamcredits.usage.domain.report.DayTotals;
import dev.teamcredits.usage.domain.report.MemberCycleUsage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The usage projection's reads; {@code onlyMember} is the one member whose rows to read, or null for all. */
@ApplicationScoped
public class UsageReportRepository {

    /**
     * One cycle of the org's pool.
     *
     * @param current      whether it is the org's current cycle
     * @param availableNow the pool's latest available credits (null if none was reported yet)
     */
    public record PoolCycleRow(LocalDate start, LocalDate end, long totalIn, boolean current, Long availableNow) {
    }

    /** The member's role if they are an active member of the org. */
    public Uni<Optional<String>> activeRole(SqlClient c, UUID orgId, String userId) {
        return c.preparedQuery("SELECT role FROM member_info WHERE org_id = $1 AND user_id = $2 AND active")
                .execute(Tuple.of(orgId, userId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
    }

    /** The cycle starting {@code cycleStart}, or the org's current cycle when it is null. */
    public Uni<Optional<PoolCycleRow>> poolCycle(SqlClient c, UUID orgId, LocalDate cycleStart) {
        return c.preparedQuery("SELECT p.cycle_start, p.cycle_end, p.total_in, p.cycle_start = o.cycle_start, "
                + "s.available FROM pool_cycle p JOIN org_cycle o ON o.org_id = p.org_id "
                + "LEFT JOIN pool_state s ON s.org_id = p.org_id WHERE p.org_id = $1 "
                + "AND ($2::date IS NULL AND p.cycle_start = o.cycle_start OR p.cycle_start = $2::date)")
                .execute(Tuple.from(Arrays.asList(orgId, cycleStart)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row p = rows.iterator().next();
                    return Optional.of(new PoolCycleRow(p.getLocalDate(0), p.getLocalDate(1), p.getLong(2),
                            p.getBoolean(3), p.getLong(4)));
                });
    }

    /**
     * The cycle's counters of the active members, and of former members who used credits in it, by
     * user id, with their credits per action.
     */
    public Uni<List<MemberCycleUsage>> memberUsage(SqlClient c, UUID orgId, LocalDate cycleStart, String onlyMember) {
        return c.preparedQuery("SELECT m.user_id, m.email, m.display_name, coalesce(u.from_pool, 0), "
                + "coalesce(u.from_member, 0), coalesce(u.from_personal, 0), coalesce(u.spends, 0) "
                + "FROM member_info m LEFT JOIN member_cycle_usage u ON u.org_id = m.org_id "
                + "AND u.user_id = m.user_id AND u.cycle_start = $2 WHERE m.org_id = $1 "
                + "AND (m.active OR u.user_id IS NOT NULL) AND ($3::text IS NULL OR m.user_id = $3) ORDER BY m.user_id")
                .execute(Tuple.from(Arrays.asList(orgId, cycleStart, onlyMember)))
                .chain(rows -> creditsByAction(c, orgId, cycleStart).map(byUser -> list(rows, r ->
                        new MemberCycleUsage(r.getString(0), r.getString(1), r.getString(2), r.getLong(3),
                                r.getLong(4), r.getLong(5), r.getLong(6),
                                byUser.getOrDefault(r.getString(0), Map.of())))));
    }

    private Uni<Map<String, Map<String, Long>>> creditsByAction(SqlClient c, UUID orgId, LocalDate cycleStart) {
        return c.preparedQuery("SELECT user_id, action, credits FROM member_cycle_action "
                + "WHERE org_id = $1 AND cycle_start = $2 ORDER BY action").execute(Tuple.of(orgId, cycleStart))
                .map(actions -> {
                    Map<String, Map<String, Long>> byUser = new LinkedHashMap<>();
                    for (Row a : actions) {
                        byUser.computeIfAbsent(a.getString(0), k -> new LinkedHashMap<>())
                                .put(a.getString(1), a.getLong(2));
                    }
                    return byUser;
                });
    }

    /**
     * The org's cycles starting before {@code before} (null: all), newest first, at most {@code limit}, with their
     * totals. A cycle's start is unique in its org, so pages that continue before the last start shown join up.
     */
    public Uni<List<CycleTotals>> cycleTotals(SqlClient c, UUID orgId, String onlyMember, LocalDate before, int limit) {
        return c.preparedQuery("SELECT p.cycle_start, p.cycle_end, p.total_in, "
                + "coalesce(sum(u.from_pool), 0), coalesce(sum(u.from_member), 0), coalesce(sum(u.from_personal), 0), "
                + "coalesce(sum(u.spends), 0) FROM pool_cycle p LEFT JOIN member_cycle_usage u ON u.org_id = p.org_id "
                + "AND u.cycle_start = p.cycle_start AND ($2::text IS NULL OR u.user_id = $2) WHERE p.org_id = $1 "
                + "AND ($3::date IS NULL OR p.cycle_start < $3::date) "
                + "GROUP BY p.cycle_start, p.cycle_end, p.total_in ORDER BY p.cycle_start DESC LIMIT $4")
                .execute(Tuple.from(Arrays.asList(orgId, onlyMember, before, limit)))
                .map(rows -> list(rows, r -> new CycleTotals(r.getLocalDate(0), r.getLocalDate(1), r.getLong(2),
                        r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6))));
    }

    /** One entry per day from {@code from} to {@code to}, zeros included, of one member or (null) the whole org. */
    public Uni<List<DayTotals>> dailyTotals(SqlClient c, UUID orgId, LocalDate from, LocalDate to, String member) {
        return c.preparedQuery("SELECT d::date, coalesce(sum(u.credits), 0), coalesce(sum(u.spends), 0) "
                + "FROM generate_series($2::date, $3::date, interval '1 day') d LEFT JOIN daily_usage u "
                + "ON u.day = d::date AND u.org_id = $1 AND ($4::text IS NULL OR u.user_id = $4) "
                + "GROUP BY d ORDER BY d")
                .execute(Tuple.from(Arrays.asList(orgId, from, to, member)))
                .map(rows -> list(rows, r -> new DayTotals(r.getLocalDate(0), r.getLong(1), r.getLong(2))));
    }

    private static <T> List<T> list(RowSet<Row> rows, Function<Row, T> mapping) {
        List<T> list = new ArrayList<>();
        rows.forEach(r -> list.add(mapping.apply(r)));
        return list;
    }
}
