package dev.teamcredits.ledger.rest;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.rest.dto.AuditResponse;
import dev.teamcredits.ledger.service.LedgerAudit;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operator tools over the whole ledger (not one org): so far, the journal audit. */
@Path("/v1/admin/ledger")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.OPERATIONS)
public class AdminResource {

    private final LedgerAudit audit;
    private final JsonWebToken token;

    public AdminResource(LedgerAudit audit, JsonWebToken token) {
        this.audit = audit;
        this.token = token;
    }

    @GET
    @Path("audit")
    @Operation(operationId = "auditLedger", summary = "Recompute balances, lots and holds from the journal and list "
            + "every disagreement (operator clients only)", description = "Across all orgs: unbalanced transactions, a "
                    + "journal not summing to zero, balance against journal or lots, lot against journal, reserved "
                    + "against holds, and where every credit came from.")
    @APIResponse(responseCode = "200", description = "The findings; empty when the ledger agrees with its journal")
    @APIResponse(responseCode = "403", description = ApiDocs.OPERATOR_REQUIRED)
    public Uni<AuditResponse> audit() {
        return audit.findings(Caller.of(token)).map(AuditResponse::of);
    }
}
