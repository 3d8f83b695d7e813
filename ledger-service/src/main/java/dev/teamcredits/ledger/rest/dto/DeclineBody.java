package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** @param reason why the billing backend declined the request, in words for the requester */
public record DeclineBody(@NotBlank @Size(max = 500) String reason) {
}
