package dev.teamcredits.ledger.domain;

/**
 * Who may see and end a hold: the caller that made it (the member, or the backend acting for them)
 * captures or releases it; an admin of the org may release it (a charge belongs to whoever got the
 * result, so not capture it); an operator client may do either. Its member and trusted backends may
 * see it; anyone else is told it does not exist.
 */
public record HoldRights(boolean holder, boolean member, boolean admin, boolean trustedBackend, boolean operator) {

    public boolean maySee() {
        return holder || member || admin || trustedBackend || operator;
    }

    public boolean mayCapture() {
        return holder || operator;
    }

    public boolean mayRelease() {
        return holder || operator || admin;
    }
}
