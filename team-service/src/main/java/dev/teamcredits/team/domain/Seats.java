package dev.teamcredits.team.domain;

/**
 * The member limit: members plus open invitations (pending, not expired) hold the plan's seats, so an
 * org never promises more seats than its plan has.
 *
 * <ul>
 * <li>An invitation needs a free seat: everything in use, plus it, must fit.</li>
 * <li>Accepting an invitation turns the seat it holds into a member's, so only the members, plus the
 * invitee, must fit (they do unless the limit was lowered in configuration since the invitation).</li>
 * <li>A plan change must fit everything in use now: a limit below it is refused, not enforced later.</li>
 * </ul>
 *
 * @param members the org's members now
 * @param openInvitations its invitations that still hold a seat
 */
public record Seats(long members, long openInvitations) {

    /** What a change would bring the seats to, against the limit that applies. */
    public record Check(long wouldBe, int limit) {

        public boolean fits() {
            return wouldBe <= limit;
        }
    }

    public long inUse() {
        return members + openInvitations;
    }

    /** Inviting one more email under a plan of {@code limit} seats. */
    public Check toInvite(int limit) {
        return new Check(inUse() + 1, limit);
    }

    /** Moving to a plan of {@code newLimit} seats. */
    public Check toChangePlan(int newLimit) {
        return new Check(inUse(), newLimit);
    }

    /** An invitee joining an org of {@code members} members under a plan of {@code limit} seats. */
    public static Check toJoin(long members, int limit) {
        return new Check(members + 1, limit);
    }
}
