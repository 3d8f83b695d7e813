package dev.teamcredits.notification.repository;

import dev.teamcredits.notification.domain.OrgRoster;
import dev.teamcredits.notification.domain.OrgRoster.Member;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** This service's own copy of orgs and members, kept from team.events: who to tell, and at which address. */
@ApplicationScoped
public class MembershipRepository {

    public Uni<Void> org(SqlClient c, UUID orgId, String name) {
        return c.preparedQuery("INSERT INTO org_info (org_id, name) VALUES ($1, $2) "
                + "ON CONFLICT (org_id) DO UPDATE SET name = excluded.name")
                .execute(Tuple.of(orgId, name)).replaceWithVoid();
    }

    public Uni<Void> member(SqlClient c, UUID orgId, String userId, String email, String name, String role) {
        return c.preparedQuery("INSERT INTO member (org_id, user_id, email, display_name, role, active) "
                + "VALUES ($1, $2, $3, $4, $5, true) ON CONFLICT (org_id, user_id) DO UPDATE SET "
                + "email = coalesce(excluded.email, member.email), "
                + "display_name = coalesce(excluded.display_name, member.display_name), "
                + "role = excluded.role, active = true")
                .execute(Tuple.from(Arrays.asList(orgId, userId, email, name, role))).replaceWithVoid();
    }

    public Uni<Void> removed(SqlClient c, UUID orgId, String userId, String email) {
        return c.preparedQuery("INSERT INTO member (org_id, user_id, email, role, active) "
                + "VALUES ($1, $2, $3, 'MEMBER', false) ON CONFLICT (org_id, user_id) DO UPDATE SET active = false")
                .execute(Tuple.from(Arrays.asList(orgId, userId, email))).replaceWithVoid();
    }

    public Uni<Void> role(SqlClient c, UUID orgId, String userId, String role) {
        return c.preparedQuery("UPDATE member SET role = $3 WHERE org_id = $1 AND user_id = $2")
                .execute(Tuple.of(orgId, userId, role)).replaceWithVoid();
    }

    /** The org and its members; empty if no team event of the org has been read yet. */
    public Uni<Optional<OrgRoster>> find(SqlClient c, UUID orgId) {
        return c.preparedQuery("SELECT o.name, m.user_id, m.email, m.display_name, m.role, m.active FROM org_info o "
                + "LEFT JOIN member m ON m.org_id = o.org_id WHERE o.org_id = $1")
                .execute(Tuple.of(orgId))
                .map(rows -> {
                    String name = null;
                    List<Member> members = new ArrayList<>();
                    for (Row r : rows) {
                        name = r.getString("name");
                        if (r.getString("user_id") != null) {
                            members.add(new Member(r.getString("user_id"), r.getString("email"),
                                    r.getString("display_name"), r.getString("role"), r.getBoolean("active")));
                        }
                    }
                    return name == null ? Optional.empty() : Optional.of(new OrgRoster(orgId, name, members));
                });
    }

    /** The caller's role in the org, if they are an active member. */
    public Uni<Optional<String>> activeRole(SqlClient c, UUID orgId, String userId) {
        return c.preparedQuery("SELECT role FROM member WHERE org_id = $1 AND user_id = $2 AND active")
                .execute(Tuple.of(orgId, userId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString("role")));
    }

    /** The address to mail a user at: the newest one any org's team events gave for them. */
    public Uni<Optional<String>> email(SqlClient c, String userId) {
        return c.preparedQuery("SELECT email FROM member WHERE user_id = $1 AND email IS NOT NULL "
                + "ORDER BY active DESC LIMIT 1")
                .execute(Tuple.of(userId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString("email")));
    }
}
