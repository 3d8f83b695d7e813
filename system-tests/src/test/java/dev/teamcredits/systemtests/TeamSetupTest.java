package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.ADA;
import static dev.teamcredits.systemtests.Api.BEN;
import static dev.teamcredits.systemtests.Api.CLEO;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

@Order(1)
class TeamSetupTest extends SystemTestBase {

    @Test
    void anAdminBuildsAProTeamWithinItsDomainAndSeatLimit() {
        Org org = org("PRO");
        JsonNode created = api.get(ADA, org.team("")).expect(200).body();
        assertEquals("PRO", created.get("plan").asText());
        assertEquals("ADMIN", created.get("yourRole").asText());

        org.join(BEN, true);
        org.join(CLEO, false);

        // Another domain than the admin's is refused, and holds no seat.
        assertEquals("urn:team-credits:problem:invitee-domain-mismatch",
                org.invite("dan@globex.example", false).expect(422).get("type").asText());

        // ada, ben, cleo + two open invitations = 5 seats: the sixth is refused, naming the limit.
        org.invite("seat4@acme.example", false).expect(201);
        org.invite("seat5@acme.example", false).expect(201);
        JsonNode refused = org.invite("seat6@acme.example", false).expect(409).body();
        assertEquals("urn:team-credits:problem:member-limit-reached", refused.get("type").asText());
        assertEquals(5, refused.get("limit").asInt());

        List<String> members = new ArrayList<>();
        api.get(ADA, org.team("/members")).expect(200).body().get("items")
                .forEach(m -> members.add(m.get("email").asText()));
        assertEquals(List.of("ada@acme.example", "ben@acme.example", "cleo@acme.example"),
                members.stream().sorted().toList());
        // The ledger learnt the same team from team.events: both members have a balance row.
        assertEquals(0, org.memberBalance(BEN));
        assertEquals(0, org.memberBalance(CLEO));
        assertEquals(true, org.member(Api.id(BEN)).get("poolAccess").asBoolean());
        assertEquals(false, org.member(Api.id(CLEO)).get("poolAccess").asBoolean());
    }
}
