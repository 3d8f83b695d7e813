package dev.teamcredits.team.repository;

import dev.teamcredits.team.domain.Invitation;
import dev.teamcredits.team.domain.Invitation.Status;
import io.smallrye.mutiny.Uni;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class InvitationRepository implements PanacheRepositoryBase<Invitation, UUID> {

    /** The org an invitation belongs to, without loading (and caching) the invitation itself. */
    public Uni<UUID> orgOf(UUID invitationId) {
        return getSession().chain(session -> session
                .createSelectionQuery("select orgId from Invitation where id = ?1", UUID.class)
                .setParameter(1, invitationId).getSingleResultOrNull());
    }

    /** Invitations that still hold a seat: pending and not expired. */
    public Uni<Long> countOpen(UUID orgId, Instant now) {
        return count("orgId = ?1 and status = ?2 and expiresAt > ?3", orgId, Status.PENDING, now);
    }

    /** The one stored PENDING invitation of an email (possibly expired by now). */
    public Uni<Invitation> findPending(UUID orgId, String email) {
        return find("orgId = ?1 and email = ?2 and status = ?3", orgId, email, Status.PENDING).firstResult();
    }

    public Uni<List<Invitation>> listByOrg(UUID orgId) {
        return list("orgId = ?1 order by createdAt desc", orgId);
    }

    public Uni<List<Invitation>> listOpenForEmail(String email, Instant now) {
        return list("email = ?1 and status = ?2 and expiresAt > ?3 order by createdAt", email, Status.PENDING, now);
    }
}
