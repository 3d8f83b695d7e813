package dev.teamcredits.team.repository;

import dev.teamcredits.team.domain.Org;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;

@ApplicationScoped
public class OrgRepository implements PanacheRepositoryBase<Org, UUID> {

    /**
     * The org, locked for the rest of the transaction. Every change to an org or its members takes
     * this lock first, so limit checks cannot race and one org's events commit in order.
     */
    public Uni<Org> lock(UUID orgId) {
        return findById(orgId, LockModeType.PESSIMISTIC_WRITE);
    }
}
