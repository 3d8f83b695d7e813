package dev.teamcredits.team.rest.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.teamcredits.common.rest.StrictJson;
import dev.teamcredits.events.team.OrgSettings;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.PlanTerms;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.team.domain.InvitationStatus;
import dev.teamcredits.team.service.InvitationView;
import dev.teamcredits.team.service.MemberView;
import dev.teamcredits.team.service.OrgView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Results stored with an idempotency key before the use cases returned views were the API's DTOs: each
 * view must read back from its DTO's JSON (strictly, as the service reads it), and map to the same DTO.
 */
class TeamMappingTest {

    private static final Instant AT = Instant.parse("2026-11-30T12:00:00.123456Z");

    private final ObjectMapper json = strictJson();

    @Test
    void anOrgViewReadsFromTheJsonOfItsResponseWithAndWithoutSettings() throws Exception {
        for (OrgSettings settings : new OrgSettings[] { new OrgSettings(true, false), null }) {
            OrgView view = new OrgView(UUID.randomUUID(), "Acme", Plan.PRO, new PlanTerms(5, 1_000, false),
                    LocalDate.of(2026, 11, 30), AT, Role.ADMIN, 3, settings);
            assertEquals(view, json.readValue(json.writeValueAsString(TeamMapping.dto(view)), OrgView.class));
        }
    }

    @Test
    void aMemberViewReadsFromTheJsonOfItsResponseWithAndWithoutPoolSettings() throws Exception {
        for (MemberView.PoolSettings pool : new MemberView.PoolSettings[] { new MemberView.PoolSettings(true, 250L),
                new MemberView.PoolSettings(false, null), null }) {
            MemberView view = new MemberView("ben-1", "ben@acme.example", "Ben", Role.MEMBER, AT, pool);
            assertEquals(view, json.readValue(json.writeValueAsString(TeamMapping.dto(view)), MemberView.class));
        }
    }

    @Test
    void anInvitationViewReadsFromTheJsonOfItsResponse() throws Exception {
        InvitationView view = new InvitationView(UUID.randomUUID(), UUID.randomUUID(), "Acme", "ben@acme.example",
                Role.ADMIN, true, InvitationStatus.PENDING, "ada-1", AT, AT.plusSeconds(604_800));
        assertEquals(view, json.readValue(json.writeValueAsString(TeamMapping.dto(view)), InvitationView.class));
    }

    private static ObjectMapper strictJson() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new StrictJson().customize(mapper);
        return mapper;
    }
}
