package dev.teamcredits.team.repository;

import dev.teamcredits.team.domain.Seats;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** What holds an org's seats now: its members and its open invitations ({@link Seats} decides what fits). */
@ApplicationScoped
public class SeatRepository {

    private final MemberRepository members;
    private final InvitationRepository invitations;

    public SeatRepository(MemberRepository members, InvitationRepository invitations) {
        this.members = members;
        this.invitations = invitations;
    }

    public Uni<Seats> seats(UUID orgId, Instant now) {
        return members.countByOrg(orgId).chain(m -> invitations.countOpen(orgId, now).map(i -> new Seats(m, i)));
    }
}
