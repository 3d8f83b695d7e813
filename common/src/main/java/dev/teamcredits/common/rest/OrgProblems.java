package dev.teamcredits.common.rest;

/** Access problems every org-scoped service answers the same way. */
public final class OrgProblems {

    private OrgProblems() {
    }

    /** Also for orgs that exist but the caller is not a member of: their existence is not revealed. */
    public static ProblemException orgNotFound() {
        return new ProblemException("org-not-found", "Organization not found", 404,
                "No organization with this id is visible to you.");
    }

    public static ProblemException adminRequired() {
        return new ProblemException("admin-required", "Admin role required", 403,
                "Only an admin of this organization can do this.");
    }
}
