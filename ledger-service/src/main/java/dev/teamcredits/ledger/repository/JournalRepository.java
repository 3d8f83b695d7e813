package dev.teamcredits.ledger.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.events.ledger.AccountRef;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads of the journal: transfers for reversal, history pages, and the audit of derived state. */
@ApplicationScoped
public class JournalRepository {

    private final ObjectMapper json;

    public JournalRepository(ObjectMapper json) {
        this.json = json;
    }

    /** A past transfer, as needed to reverse it; {@code reversible} only when an admin made it. */
    public record TransferRow(UUID id, long amount, AccountRef from, AccountRef to, boolean reversible) {
    }

    /** The transfer, locked: its reversals serialize on it. Null if there is none in this org. */
    public Uni<TransferRow> lockTransfer(Db db, UUID orgId, UUID id) {
        return db.sql().preparedQuery("SELECT id, amount, details::text, reversible FROM journal_tx WHERE id = $1 AND org_id = $2 "
                + "AND type = 'TRANSFER' FOR UPDATE")
                .execute(Tuple.of(id, orgId)).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    JsonNode details = read(r.getString(2));
                    return new TransferRow(r.getUUID(0), r.getLong(1), ref(details.get("from")), ref(details.get("to")),
                            r.getBoolean(3));
                });
    }

    public Uni<Long> reversedAmount(Db db, UUID transferId) {
        return db.sql().preparedQuery("SELECT coalesce(sum(amount), 0) FROM journal_tx WHERE reverses = $1")
                .execute(Tuple.of(transferId)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** One line of history: a transaction and how it moved credits between accounts. */
    public record HistoryRow(long seq, UUID id, Instant at, String type, long amount, String actor, String reason,
            UUID reverses, Map<String, Long> accounts) {
    }

    /**
     * A page of an org's history, newest first, before {@code beforeSeq}; optionally only
     * transactions touching {@code accountRef} and of {@code type}.
     */
    public Uni<List<HistoryRow>> history(Db db, UUID orgId, String accountRef, String type, Long beforeSeq,
            int limit) {
        return db.sql().preparedQuery("SELECT t.seq, t.id, t.created_at, t.type, t.amount, t.actor, t.reason, t.reverses, "
                + "(SELECT json_object_agg(x.ref, x.total)::text FROM (SELECT a.ref, sum(e.amount) AS total "
                + "  FROM journal_entry e JOIN account a ON a.id = e.account_id WHERE e.tx_id = t.id "
                + "  GROUP BY a.ref) x) "
                + "FROM journal_tx t WHERE t.org_id = $1 AND ($2::text IS NULL OR t.type = $2) "
                + "AND ($3::bigint IS NULL OR t.seq < $3) "
                + "AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM journal_entry e JOIN account a ON a.id = e.account_id "
                + "  WHERE e.tx_id = t.id AND a.ref = $4)) "
                + "ORDER BY t.seq DESC LIMIT $5")
                .execute(Tuple.from(Arrays.asList(orgId, type, beforeSeq, accountRef, limit))).map(rows -> {
                    List<HistoryRow> page = new ArrayList<>();
                    for (Row r : rows) {
                        Map<String, Long> accounts = new LinkedHashMap<>();
                        String agg = r.getString(8);
                        if (agg != null) {
                            read(agg).fields().forEachRemaining(f -> accounts.put(f.getKey(), f.getValue().asLong()));
                        }
                        page.add(new HistoryRow(r.getLong(0), r.getUUID(1), r.getOffsetDateTime(2).toInstant(),
                                r.getString(3), r.getLong(4), r.getString(5), r.getString(6), r.getUUID(7), accounts));
                    }
                    return page;
                });
    }

    /**
     * Everything that disagrees with the journal: transactions whose entries do not sum to zero,
     * holder accounts whose balance is not the sum of their entries or of their lots, lots whose
     * remaining credits are not the sum of their entries, and reservations not matching holds; and
     * where credits came from: only the plan's from issuance, bought ones from purchases (each with its
     * purchase row, each completed request with one purchase), granted ones from grants with a reason.
     * Empty means the derived state agrees with the journal.
     */
    public Uni<List<String>> audit(Db db) {
        String sql = String.join(" UNION ALL ",
                "SELECT 'unbalanced transaction ' || tx_id FROM journal_entry GROUP BY tx_id HAVING sum(amount) <> 0",
                "SELECT 'balance vs journal ' || a.ref || ': ' || a.balance || ' <> ' || coalesce(e.total, 0) "
                        + "FROM account a LEFT JOIN (SELECT account_id, sum(amount) total FROM journal_entry "
                        + "GROUP BY account_id) e ON e.account_id = a.id "
                        + "WHERE a.kind <> 'SYSTEM' AND a.balance <> coalesce(e.total, 0)",
                "SELECT 'balance vs lots ' || a.ref || ': ' || a.balance || ' <> ' || coalesce(l.total, 0) "
                        + "FROM account a LEFT JOIN (SELECT account_id, sum(remaining) total FROM lot GROUP BY account_id) l "
                        + "ON l.account_id = a.id WHERE a.kind <> 'SYSTEM' AND a.balance <> coalesce(l.total, 0)",
                "SELECT 'lot vs journal ' || l.id || ': ' || l.remaining || ' <> ' || coalesce(e.total, 0) "
                        + "FROM lot l LEFT JOIN (SELECT lot_id, sum(amount) total FROM journal_entry "
                        + "WHERE lot_id IS NOT NULL GROUP BY lot_id) e ON e.lot_id = l.id "
                        + "WHERE l.remaining <> coalesce(e.total, 0)",
                "SELECT 'reserved vs holds ' || a.ref || ': ' || a.reserved || ' <> ' || coalesce(h.total, 0) "
                        + "FROM account a LEFT JOIN (SELECT h.account_id, sum(h.amount) total FROM reservation_hold h "
                        + "JOIN reservation r ON r.id = h.reservation_id WHERE r.status = 'ACTIVE' GROUP BY h.account_id) h "
                        + "ON h.account_id = a.id WHERE a.kind <> 'SYSTEM' AND a.reserved <> coalesce(h.total, 0)",
                "SELECT 'negative or over-reserved ' || ref FROM account "
                        + "WHERE kind <> 'SYSTEM' AND (balance < 0 OR reserved < 0 OR reserved > balance)",
                "SELECT 'journal does not sum to zero: ' || sum(amount) FROM journal_entry HAVING sum(amount) <> 0",
                // Provenance: credits enter only as the plan's (SUBSCRIPTION, FREE from ISSUANCE), bought (PURCHASE
                // from PURCHASES, with its purchase row) or granted by an operator (GRANT from GRANTS, with a
                // reason); every TOP_UP lot made from outside was bought or granted.
                "SELECT 'credits from ' || sa.ref || ' by a ' || t.type || ' transaction ' || t.id "
                        + "|| ' into a ' || l.kind || ' lot' FROM journal_tx t "
                        + "JOIN journal_entry s ON s.tx_id = t.id JOIN account sa ON sa.id = s.account_id "
                        + "AND sa.kind = 'SYSTEM' AND s.amount < 0 "
                        + "JOIN journal_entry e ON e.tx_id = t.id AND e.amount > 0 JOIN lot l ON l.id = e.lot_id "
                        + "WHERE sa.ref IN ('SYSTEM:ISSUANCE', 'SYSTEM:PURCHASES', 'SYSTEM:GRANTS') AND NOT ("
                        + "(sa.ref = 'SYSTEM:ISSUANCE' AND t.type = 'GRANT' AND l.kind IN ('SUBSCRIPTION', 'FREE')) "
                        + "OR (sa.ref = 'SYSTEM:PURCHASES' AND t.type = 'PURCHASE' AND l.kind = 'TOP_UP') "
                        + "OR (sa.ref = 'SYSTEM:GRANTS' AND t.type = 'GRANT' AND l.kind = 'TOP_UP' "
                        + "AND coalesce(btrim(t.reason), '') <> ''))",
                "SELECT 'purchase transaction ' || t.id || ' has no purchase of its amount' FROM journal_tx t "
                        + "LEFT JOIN purchase p ON p.transaction_id = t.id "
                        + "WHERE t.type = 'PURCHASE' AND (p.id IS NULL OR p.amount <> t.amount)",
                "SELECT 'purchase ' || p.id || ' is not a purchase transaction of its amount' FROM purchase p "
                        + "LEFT JOIN journal_tx t ON t.id = p.transaction_id "
                        + "WHERE t.id IS NULL OR t.type <> 'PURCHASE' OR t.amount <> p.amount",
                "SELECT 'top-up request ' || r.id || ' is ' || r.status || ' with ' || count(p.id) || ' purchases' "
                        + "FROM top_up_request r LEFT JOIN purchase p ON p.request_id = r.id GROUP BY r.id, r.status "
                        + "HAVING (r.status = 'COMPLETED') <> (count(p.id) = 1)");
        return db.sql().query(sql).execute().map(rows -> {
            List<String> problems = new ArrayList<>();
            rows.forEach(r -> problems.add(r.getString(0)));
            return problems;
        });
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AccountRef ref(JsonNode node) {
        return new AccountRef(AccountRef.Kind.valueOf(node.get("kind").asText()),
                node.hasNonNull("userId") ? node.get("userId").asText() : null);
    }
}
