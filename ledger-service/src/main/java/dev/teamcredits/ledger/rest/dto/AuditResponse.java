package dev.teamcredits.ledger.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The journal audit: {@code findings} is empty when every balance, lot and hold agrees with the journal. */
@Schema(description = "The journal audit")
public record AuditResponse(
        @Schema(description = "True when every balance, lot and hold agrees with the journal") boolean consistent,
        @Schema(description = "Each disagreement found, in words; empty when consistent") List<String> findings) {

    public static AuditResponse of(List<String> findings) {
        return new AuditResponse(findings.isEmpty(), List.copyOf(findings));
    }
}
