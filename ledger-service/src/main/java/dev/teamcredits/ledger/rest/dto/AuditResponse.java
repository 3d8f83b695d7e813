package dev.teamcredits.ledger.rest.dto;

import java.util.List;

/** The journal audit: {@code findings} is empty when every balance, lot and hold agrees with the journal. */
public record AuditResponse(boolean consistent, List<String> findings) {

    public static AuditResponse of(List<String> findings) {
        return new AuditResponse(findings.isEmpty(), List.copyOf(findings));
    }
}
