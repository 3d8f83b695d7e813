package dev.teamcredits.team.repository;

import dev.teamcredits.events.team.Role;
import dev.teamcredits.team.domain.Member;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MemberRepository implements PanacheRepositoryBase<Member, UUID> {

    public Uni<Member> find(UUID orgId, String userId) {
        return find("orgId = ?1 and userId = ?2", orgId, userId).firstResult();
    }

    public Uni<Member> findByEmail(UUID orgId, String email) {
        return find("orgId = ?1 and lower(email) = ?2", orgId, email).firstResult();
    }

    public Uni<List<Member>> listByOrg(UUID orgId) {
        return list("orgId = ?1 order by joinedAt, userId", orgId);
    }

    public Uni<List<Member>> listByUser(String userId) {
        return list("userId = ?1 order by joinedAt", userId);
    }

    public Uni<Long> countByOrg(UUID orgId) {
        return count("orgId", orgId);
    }

    public Uni<Long> countAdmins(UUID orgId) {
        return count("orgId = ?1 and role = ?2", orgId, Role.ADMIN);
    }
}
