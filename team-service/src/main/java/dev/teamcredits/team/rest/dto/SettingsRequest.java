package dev.teamcredits.team.rest.dto;

import jakarta.validation.constraints.AssertTrue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A partial update: fields left out keep their value. */
@Schema(description = "A partial change of the org's settings: settings left out keep their value; at least one "
        + "must be named (an empty change is 400 validation-failed).")
public record SettingsRequest(
        @Schema(description = "Whether spends may fall back to the member's personal balance once the pool and "
                + "their member balance are used", examples = "false") Boolean personalFallback,
        @Schema(description = "Whether invitees must share the inviting admin's email domain (checked when "
                + "inviting; switching it on evicts nobody)", examples = "true") Boolean sameDomainOnly) {

    /** A rule, not a property: hidden from the document, or clients would send it and get 400 Unknown field. */
    @Schema(hidden = true)
    @AssertTrue(message = "name at least one of personalFallback, sameDomainOnly")
    public boolean isNotEmpty() {
        return personalFallback != null || sameDomainOnly != null;
    }
}
