package dev.teamcredits.team.rest;

import dev.teamcredits.common.rest.PathIds;
import dev.teamcredits.team.service.TeamProblems;
import java.util.UUID;

/** Ids in the team service's paths: one that is not a UUID is a 404 of its kind, like one that does not exist. */
final class TeamPathIds {

    private TeamPathIds() {
    }

    static UUID org(String orgId) {
        return PathIds.parse(orgId, TeamProblems::orgNotFound);
    }

    static UUID invitation(String invitationId) {
        return PathIds.parse(invitationId, TeamProblems::invitationNotFound);
    }
}
