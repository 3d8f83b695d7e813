package dev.teamcredits.team.repository;

import dev.teamcredits.events.team.Role;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Members of orgs, by org, by user and by email; counts for the member limit and the last-admin rule. */
@ApplicationScoped
public class MemberRepository implements PanacheRepositoryBase<MemberEntity, UUID> {

    public Uni<MemberEntity> find(UUID orgId, String userId) {
        return find("orgId = ?1 and userId = ?2", orgId, userId).firstResult();
    }

    public Uni<MemberEntity> findByEmail(UUID orgId, String email) {
        return find("orgId = ?1 and lower(email) = ?2", orgId, email).firstResult();
    }

    /** Up to {@code count} of the org's members after position {@code afterSeq}, in the order they joined. */
    public Uni<List<MemberEntity>> pageByOrg(UUID orgId, long afterSeq, int count) {
        return find("orgId = ?1 and seq > ?2 order by seq", orgId, afterSeq).range(0, count - 1).list();
    }

    /** Up to {@code count} of the user's memberships after position {@code afterSeq}, oldest first. */
    public Uni<List<MemberEntity>> pageByUser(String userId, long afterSeq, int count) {
        return find("userId = ?1 and seq > ?2 order by seq", userId, afterSeq).range(0, count - 1).list();
    }

    public Uni<Long> countByOrg(UUID orgId) {
        return count("orgId", orgId);
    }

    public Uni<Long> countAdmins(UUID orgId) {
        return count("orgId = ?1 and role = ?2", orgId, Role.ADMIN);
    }
}
