package dev.teamcredits.ledger.repository;

import dev.teamcredits.events.team.MemberJoined;
import dev.teamcredits.events.team.OrgCreated;
import dev.teamcredits.events.team.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The ledger's view of orgs and members, maintained from team.events. */
@ApplicationScoped
public class ProjectionRepository {

    /** An org as the ledger needs it. */
    public record OrgRow(UUID orgId, String plan, long monthlyAllocation, boolean rollover, boolean personalFallback,
            LocalDate cycleAnchor, LocalDate cycleStart, LocalDate cycleEnd) {
    }

    /** A member as the ledger needs it. */
    public record MemberRow(UUID orgId, String userId, String email, String displayName, Role role,
            boolean poolAccess, Long poolCap, boolean active) {

        public boolean isAdmin() {
            return active && role == Role.ADMIN;
        }
    }


    public Uni<Void> insertOrg(Db db, OrgCreated e, LocalDate cycleEnd) {
        return db.sql().preparedQuery("INSERT INTO org_view (org_id, plan, monthly_allocation, rollover, personal_fallback, "
                + "cycle_anchor, cycle_start, cycle_end) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING")
                .execute(Tuple.from(Arrays.asList(e.orgId(), e.plan().name(), e.terms().monthlyAllocation(),
                        e.terms().rollover(), e.settings().personalFallback(), e.cycleAnchor(), e.cycleAnchor(), cycleEnd)))
                .replaceWithVoid();
    }

    public Uni<Void> updatePlan(Db db, UUID orgId, String plan, long allocation, boolean rollover) {
        return db.sql().preparedQuery("UPDATE org_view SET plan = $2, monthly_allocation = $3, rollover = $4 WHERE org_id = $1")
                .execute(Tuple.of(orgId, plan, allocation, rollover)).replaceWithVoid();
    }

    public Uni<Void> updateFallback(Db db, UUID orgId, boolean personalFallback) {
        return db.sql().preparedQuery("UPDATE org_view SET personal_fallback = $2 WHERE org_id = $1")
                .execute(Tuple.of(orgId, personalFallback)).replaceWithVoid();
    }

    public Uni<Void> upsertMember(Db db, MemberJoined e) {
        return db.sql().preparedQuery("INSERT INTO member_view (org_id, user_id, email, display_name, role, pool_access, "
                + "pool_cap, active) VALUES ($1, $2, $3, $4, $5, $6, $7, true) ON CONFLICT (org_id, user_id) DO UPDATE "
                + "SET email = excluded.email, display_name = excluded.display_name, role = excluded.role, "
                + "pool_access = excluded.pool_access, pool_cap = excluded.pool_cap, active = true")
                .execute(Tuple.from(Arrays.asList(e.orgId(), e.userId(), e.email(), e.displayName(), e.role().name(),
                        e.poolAccess(), e.poolCap())))
                .replaceWithVoid();
    }

    public Uni<Void> updateMember(Db db, UUID orgId, String userId, String column, Object value) {
        if (!List.of("role", "pool_access", "pool_cap", "active").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        return db.sql().preparedQuery("UPDATE member_view SET " + column + " = $3 WHERE org_id = $1 AND user_id = $2")
                .execute(Tuple.from(Arrays.asList(orgId, userId, value))).replaceWithVoid();
    }

    public Uni<OrgRow> org(Db db, UUID orgId) {
        return db.sql().preparedQuery("SELECT org_id, plan, monthly_allocation, rollover, personal_fallback, cycle_anchor, "
                + "cycle_start, cycle_end FROM org_view WHERE org_id = $1")
                .execute(Tuple.of(orgId)).map(rows -> rows.size() == 0 ? null : org(rows.iterator().next()));
    }

    /** The org, locked: cycle close and other whole-org changes serialize on it. */
    public Uni<OrgRow> lockOrg(Db db, UUID orgId) {
        return db.sql().preparedQuery("SELECT org_id, plan, monthly_allocation, rollover, personal_fallback, cycle_anchor, "
                + "cycle_start, cycle_end FROM org_view WHERE org_id = $1 FOR UPDATE")
                .execute(Tuple.of(orgId)).map(rows -> rows.size() == 0 ? null : org(rows.iterator().next()));
    }

    public Uni<Void> moveCycle(Db db, UUID orgId, LocalDate start, LocalDate end) {
        return db.sql().preparedQuery("UPDATE org_view SET cycle_start = $2, cycle_end = $3 WHERE org_id = $1")
                .execute(Tuple.of(orgId, start, end)).replaceWithVoid();
    }

    /** Orgs whose current cycle has ended by {@code today}. */
    public Uni<List<UUID>> orgsDue(Db db, LocalDate today, int limit) {
        return db.sql().preparedQuery("SELECT org_id FROM org_view WHERE cycle_end <= $1 ORDER BY cycle_end LIMIT $2")
                .execute(Tuple.of(today, limit))
                .map(rows -> java.util.stream.StreamSupport.stream(rows.spliterator(), false).map(r -> r.getUUID(0)).toList());
    }

    public Uni<MemberRow> member(Db db, UUID orgId, String userId) {
        return db.sql().preparedQuery("SELECT org_id, user_id, email, display_name, role, pool_access, pool_cap, active "
                + "FROM member_view WHERE org_id = $1 AND user_id = $2")
                .execute(Tuple.of(orgId, userId)).map(rows -> rows.size() == 0 ? null : member(rows.iterator().next()));
    }

    /** A former member's auto top-up and recurring allocation end with the membership. */
    public Uni<Void> endMemberSettings(Db db, UUID orgId, String userId, long memberAccountId) {
        return db.sql().preparedQuery("DELETE FROM auto_top_up WHERE account_id = $1").execute(Tuple.of(memberAccountId))
                .chain(() -> db.sql().preparedQuery("DELETE FROM recurring_allocation WHERE org_id = $1 AND user_id = $2")
                        .execute(Tuple.of(orgId, userId)))
                .replaceWithVoid();
    }

    /** The active members among {@code userIds}. */
    /** The active members among the (org, user) pairs {@code orgIds[i]}, {@code userIds[i]}. */
    public Uni<List<MemberRow>> activeMembers(Db db, List<UUID> orgIds, List<String> userIds) {
        return db.sql().preparedQuery("SELECT m.org_id, m.user_id, m.email, m.display_name, m.role, m.pool_access, "
                + "m.pool_cap, m.active FROM member_view m JOIN unnest($1::uuid[], $2::text[]) AS k(org_id, user_id) "
                + "ON m.org_id = k.org_id AND m.user_id = k.user_id WHERE m.active")
                .execute(Tuple.of(orgIds.toArray(UUID[]::new), userIds.toArray(String[]::new)))
                .map(rows -> java.util.stream.StreamSupport.stream(rows.spliterator(), false).map(ProjectionRepository::member)
                        .toList());
    }

    /** The orgs among {@code orgIds} that exist, by id. */
    public Uni<java.util.Map<UUID, OrgRow>> orgs(Db db, java.util.Collection<UUID> orgIds) {
        return db.sql().preparedQuery("SELECT org_id, plan, monthly_allocation, rollover, personal_fallback, cycle_anchor, "
                + "cycle_start, cycle_end FROM org_view WHERE org_id = ANY($1)")
                .execute(Tuple.of(orgIds.toArray(UUID[]::new))).map(rows -> {
                    java.util.Map<UUID, OrgRow> orgs = new java.util.HashMap<>();
                    rows.forEach(r -> orgs.put(r.getUUID(0), org(r)));
                    return orgs;
                });
    }

    /** Every member, active or not (admins may look at a former member's account). */
    public Uni<List<MemberRow>> everyMember(Db db, UUID orgId) {
        return db.sql().preparedQuery("SELECT org_id, user_id, email, display_name, role, pool_access, pool_cap, active "
                + "FROM member_view WHERE org_id = $1 ORDER BY user_id")
                .execute(Tuple.of(orgId))
                .map(rows -> java.util.stream.StreamSupport.stream(rows.spliterator(), false).map(ProjectionRepository::member)
                        .toList());
    }

    /** The member row, share-locked: a departure (which updates it) waits, or has committed. */
    public Uni<MemberRow> lockMember(Db db, UUID orgId, String userId) {
        return db.sql().preparedQuery("SELECT org_id, user_id, email, display_name, role, pool_access, pool_cap, active "
                + "FROM member_view WHERE org_id = $1 AND user_id = $2 FOR SHARE")
                .execute(Tuple.of(orgId, userId)).map(rows -> rows.size() == 0 ? null : member(rows.iterator().next()));
    }

    /**
     * The member row, locked for a hold on their credits: exclusive rather than shared, because waiters for an
     * exclusive row lock are served in turn, while a stream of share locks can keep a departure waiting for as
     * long as it flows.
     */
    public Uni<MemberRow> lockMemberForHold(Db db, UUID orgId, String userId) {
        return db.sql().preparedQuery("SELECT org_id, user_id, email, display_name, role, pool_access, pool_cap, active "
                + "FROM member_view WHERE org_id = $1 AND user_id = $2 FOR NO KEY UPDATE")
                .execute(Tuple.of(orgId, userId)).map(rows -> rows.size() == 0 ? null : member(rows.iterator().next()));
    }

    public Uni<List<MemberRow>> members(Db db, UUID orgId) {
        return db.sql().preparedQuery("SELECT org_id, user_id, email, display_name, role, pool_access, pool_cap, active "
                + "FROM member_view WHERE org_id = $1 AND active ORDER BY user_id")
                .execute(Tuple.of(orgId))
                .map(rows -> java.util.stream.StreamSupport.stream(rows.spliterator(), false).map(ProjectionRepository::member)
                        .toList());
    }

    private static OrgRow org(Row r) {
        return new OrgRow(r.getUUID(0), r.getString(1), r.getLong(2), r.getBoolean(3), r.getBoolean(4),
                r.getLocalDate(5), r.getLocalDate(6), r.getLocalDate(7));
    }

    private static MemberRow member(Row r) {
        return new MemberRow(r.getUUID(0), r.getString(1), r.getString(2), r.getString(3), Role.valueOf(r.getString(4)),
                r.getBoolean(5), r.getLong(6), r.getBoolean(7));
    }
}
