package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** @param reason why the billing backend declined the request, in words for the requester */
@Schema(description = "Why the billing backend declines a top-up request",
        example = "{\"reason\": \"The card was declined.\"}")
public record DeclineBody(
        @Schema(description = "Why, in words for the requester (told to them)") @NotBlank @Size(max = 500) String reason) {
}
