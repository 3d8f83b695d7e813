package dev.teamcredits.team.rest;

import dev.teamcredits.common.messaging.ParkedEvents;
import dev.teamcredits.common.rest.ParkedEventsResource;
import dev.teamcredits.common.security.OperatorAccess;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The team service's parked events, under its own path so that one gateway address routes it here. */
@Path("/v1/operator/team/parked-events")
@Authenticated
public class TeamParkedEventsResource extends ParkedEventsResource {

    public TeamParkedEventsResource(ParkedEvents parked, OperatorAccess operators, JsonWebToken token) {
        super(parked, operators, token);
    }
}
