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

    public Uni<List<MemberEntity>> listByOrg(UUID orgId) {
        return list("orgId = ?1 order by joinedAt, userId", orgId);
    }

    public Uni<List<MemberEntity>> listByUser(String userId) {
        return list("userId = ?1 order by joinedAt", userId);
    }

    public Uni<Long> countByOrg(UUID orgId) {
        return count("orgId", orgId);
    }

    public Uni<Long> countAdmins(UUID orgId) {
        return count("orgId = ?1 and role = ?2", orgId, Role.ADMIN);
    }
}
