package dev.teamcredits.team.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Orgs; {@link #lock} is how every change to an org begins. */
@ApplicationScoped
public class OrgRepository implements PanacheRepositoryBase<OrgEntity, UUID> {

    /**
     * The org, locked for the rest of the transaction. Every change to an org or its members takes
     * this lock first, so limit checks cannot race and one org's events commit in order.
     */
    public Uni<OrgEntity> lock(UUID orgId) {
        return findById(orgId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The orgs with these ids, by id. */
    public Uni<Map<UUID, OrgEntity>> byId(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return list("id in ?1", ids.stream().distinct().toList())
                .map(found -> found.stream().collect(Collectors.toMap(o -> o.id, Function.identity())));
    }
}
