package dev.teamcredits.team.repository;

import dev.teamcredits.team.domain.InvitationStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Invitations: the ones holding seats, the one pending per email, and lists for admins and invitees. */
@ApplicationScoped
public class InvitationRepository implements PanacheRepositoryBase<InvitationEntity, UUID> {

    /** The org an invitation belongs to, without loading (and caching) the invitation itself. */
    public Uni<UUID> orgOf(UUID invitationId) {
        return getSession().chain(session -> session
                .createSelectionQuery("select orgId from InvitationEntity where id = ?1", UUID.class)
                .setParameter(1, invitationId).getSingleResultOrNull());
    }

    /** Invitations that still hold a seat: pending and not expired. */
    public Uni<Long> countOpen(UUID orgId, Instant now) {
        return count("orgId = ?1 and status = ?2 and expiresAt > ?3", orgId, InvitationStatus.PENDING, now);
    }

    /** The one stored PENDING invitation of an email (possibly expired by now). */
    public Uni<InvitationEntity> findPending(UUID orgId, String email) {
        return find("orgId = ?1 and email = ?2 and status = ?3", orgId, email, InvitationStatus.PENDING).firstResult();
    }

    /** Up to {@code count} of the org's invitations before position {@code beforeSeq}, newest first. */
    public Uni<List<InvitationEntity>> pageByOrg(UUID orgId, long beforeSeq, int count) {
        return find("orgId = ?1 and seq < ?2 order by seq desc", orgId, beforeSeq).range(0, count - 1).list();
    }

    /** Up to {@code count} open invitations to {@code email} after position {@code afterSeq}, oldest first. */
    public Uni<List<InvitationEntity>> pageOpenForEmail(String email, Instant now, long afterSeq, int count) {
        return find("email = ?1 and status = ?2 and expiresAt > ?3 and seq > ?4 order by seq", email,
                InvitationStatus.PENDING, now, afterSeq).range(0, count - 1).list();
    }
}
