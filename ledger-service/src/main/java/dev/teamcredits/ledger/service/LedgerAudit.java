package dev.teamcredits.ledger.service;

import dev.teamcredits.common.security.Caller;
import dev.teamcredits.ledger.repository.JournalRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The journal audit: balances, lots and holds recomputed from the journal; every disagreement listed. */
@ApplicationScoped
public class LedgerAudit {

    private final Pool pool;
    private final LedgerAccess access;
    private final JournalRepository journal;

    public LedgerAudit(Pool pool, LedgerAccess access, JournalRepository journal) {
        this.pool = pool;
        this.access = access;
        this.journal = journal;
    }

    /** Every disagreement between the journal and the derived state; empty when all agree. */
    public Uni<List<String>> findings() {
        return journal.audit(() -> pool);
    }

    /** The audit for an operator client: it spans every org, so no member or admin may read it. */
    public Uni<List<String>> findings(Caller caller) {
        access.requireOperator(caller, "Auditing the ledger");
        return findings();
    }
}
