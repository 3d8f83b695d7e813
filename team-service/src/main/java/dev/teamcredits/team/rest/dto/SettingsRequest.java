package dev.teamcredits.team.rest.dto;

import jakarta.validation.constraints.AssertTrue;

/** A partial update: fields left out keep their value. */
public record SettingsRequest(Boolean personalFallback, Boolean sameDomainOnly) {

    @AssertTrue(message = "name at least one of personalFallback, sameDomainOnly")
    public boolean isNotEmpty() {
        return personalFallback != null || sameDomainOnly != null;
    }
}
