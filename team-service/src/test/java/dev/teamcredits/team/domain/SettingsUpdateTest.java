package dev.teamcredits.team.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teamcredits.events.team.OrgSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsUpdateTest {

    @ParameterizedTest(name = "({0}, {1}) + update ({2}, {3}) → ({4}, {5})")
    @CsvSource({
            "true, true, false, , false, true",
            "true, true, , false, true, false",
            "true, true, false, false, false, false",
            "false, false, true, true, true, true",
            "true, false, true, false, true, false",
            "true, true, , , true, true" })
    void aSettingLeftOutKeepsItsValue(boolean fallback, boolean sameDomain, Boolean newFallback, Boolean newSameDomain,
            boolean fallbackAfter, boolean sameDomainAfter) {
        assertEquals(new OrgSettings(fallbackAfter, sameDomainAfter),
                new SettingsUpdate(newFallback, newSameDomain).applyTo(new OrgSettings(fallback, sameDomain)));
    }
}
