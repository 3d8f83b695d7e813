package dev.teamcredits.team.service;

import dev.teamcredits.common.rest.OrgProblems;
import dev.teamcredits.common.rest.Problem;
import dev.teamcredits.common.rest.ProblemException;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.team.domain.InvitationStatus;
import dev.teamcredits.team.domain.Seats;

/** The team service's errors, each with its stable problem type. */
public final class TeamProblems {

    private TeamProblems() {
    }

    public static ProblemException orgNotFound() {
        return OrgProblems.orgNotFound();
    }

    public static ProblemException adminRequired() {
        return OrgProblems.adminRequired();
    }

    public static ProblemException userTokenRequired() {
        return new ProblemException("user-token-required", "User token required", 403,
                "This needs a user's token with an email address, not a service token.");
    }

    public static ProblemException memberNotFound() {
        return new ProblemException("member-not-found", "Member not found", 404,
                "This user is not a member of the organization.");
    }

    public static ProblemException invitationNotFound() {
        return new ProblemException("invitation-not-found", "Invitation not found", 404,
                "No invitation with this id is visible to you.");
    }

    public static ProblemException teamPlanRequired(Plan plan) {
        return new ProblemException(new Problem("team-plan-required", "Plan has no team accounts", 422,
                "An organization cannot be on " + plan + ": it has no team accounts.").with("plan", plan));
    }

    /** A change {@link Seats} refused on {@code plan}. */
    public static ProblemException memberLimitReached(Plan plan, Seats.Check refused) {
        return new ProblemException(new Problem("member-limit-reached", "Member limit reached", 409,
                "The " + plan + " plan allows " + refused.limit() + " members including pending invitations; this "
                        + "would make " + refused.wouldBe() + ".").with("plan", plan).with("limit", refused.limit())
                .with("wouldBe", refused.wouldBe()));
    }

    public static ProblemException lastAdmin() {
        return new ProblemException("last-admin", "Last admin", 409,
                "An organization must keep at least one admin; promote another member first.");
    }

    public static ProblemException domainMismatch(String domain) {
        return new ProblemException(new Problem("invitee-domain-mismatch", "Invitee outside the domain", 422,
                "This organization only admits emails of " + domain + " (the same-domain rule).")
                .with("domain", domain));
    }

    public static ProblemException alreadyMember() {
        return new ProblemException("already-member", "Already a member", 409,
                "This user is already a member of the organization.");
    }

    public static ProblemException invitationExists() {
        return new ProblemException("invitation-exists", "Invitation exists", 409,
                "This email already has a pending invitation; revoke it to invite again.");
    }

    public static ProblemException invitationEmailMismatch() {
        return new ProblemException("invitation-email-mismatch", "Invitation is for another email", 403,
                "This invitation was sent to a different email address than your account's.");
    }

    public static ProblemException invitationNotPending(InvitationStatus status) {
        if (status == InvitationStatus.EXPIRED) {
            return new ProblemException("invitation-expired", "Invitation expired", 410,
                    "This invitation has expired; ask an admin for a new one.");
        }
        return new ProblemException(new Problem("invitation-not-pending", "Invitation no longer pending", 409,
                "This invitation is " + status + ".").with("invitationStatus", status));
    }
}
