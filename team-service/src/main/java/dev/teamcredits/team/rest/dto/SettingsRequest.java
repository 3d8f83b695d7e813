package dev.teamcredits.team.rest.dto;

import jakarta.validation.constraints.AssertTrue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A partial update: fields left out keep their value. */
public record SettingsRequest(Boolean personalFallback, Boolean sameDomainOnly) {

    /** A rule, not a property: hidden from the document, or clients would send it and get 400 Unknown field. */
    @Schema(hidden = true)
    @AssertTrue(message = "name at least one of personalFallback, sameDomainOnly")
    public boolean isNotEmpty() {
        return personalFallback != null || sameDomainOnly != null;
    }
}
