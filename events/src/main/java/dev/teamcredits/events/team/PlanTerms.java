package dev.teamcredits.events.team;

/**
 * What a plan grants, as configured in the team service when the event was written. Carried in
 * events so that the ledger and usage services apply the same numbers without their own copy.
 *
 * @param memberLimit       members plus pending invitations an org may have
 * @param monthlyAllocation subscription credits granted into the pool at each cycle start
 * @param rollover          whether unused subscription credits roll over for one cycle
 */
public record PlanTerms(int memberLimit, long monthlyAllocation, boolean rollover) {
}
