package dev.teamcredits.notification.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.teamcredits.events.EventCatalog;
import dev.teamcredits.events.ledger.CycleClosed;
import dev.teamcredits.events.ledger.LedgerEvent;
import dev.teamcredits.notification.domain.OrgRoster.Member;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The tests' oracle: what a person may read of a ledger event, worked out from the ledger's REST rather
 * than from the production rule, and on the event's JSON rather than per event type, so a field the
 * rule forgets shows up as a difference. The ledger lets
 * <ul>
 * <li>an admin of the org read everything of it;</li>
 * <li>a member read the pool's numbers (balance, reserved, available) and the org's cycle and
 * allocation (GET /v1/orgs/{id}), and their own history: every transaction that names them (their
 * account, or them as the member charged), with the amounts, reason, actor and accounts, but no other
 * member's balance; and their member balance's purchase history (GET
 * /v1/orgs/{id}/accounts/{userId}/purchases: its requests, purchases, declines and expiries, whoever asked);</li>
 * <li>a user read their own personal balance and its purchase history (GET /v1/me/purchases);</li>
 * <li>anyone else nothing of the org (a former member included).</li>
 * </ul>
 * The pool's purchase history is readable by every member too, but the stream deliberately shows a member less
 * of the pool's buying: the pool's numbers after credits arrived (a purchase or an operator's grant into it) and
 * nothing of a request, decline or expiry, which move no credits. The oracle reads this off the JSON as for
 * every other event: a pool's request names no member and carries no balance, so a member is shown nothing; a
 * purchase or grant into the pool carries the pool's balance after, so a member is shown those numbers. Who asked
 * ({@code requestedBy}) does not make an event a member's own: only their account, or them as the member charged,
 * does (only admins ask for an org's accounts).
 * The answer is the stream's {@code {type, data}}: the event's own type and data, with other members'
 * balances null where the event is the member's own; or {@code pool-balance} with only the pool's numbers.
 */
public final class WhatRestShows {

    public static final String POOL_BALANCE = "dev.teamcredits.stream.pool-balance.v1";
    public static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private WhatRestShows() {
    }

    /** What {@code user}'s stream may show of {@code event}, given the org as known then; empty for nothing. */
    public static Optional<ObjectNode> to(String user, LedgerEvent event, OrgRoster org) {
        ObjectNode data = JSON.valueToTree(event);
        String type = EventCatalog.typeOf(event.getClass());
        if (event.orgId() == null) {
            // A personal balance, outside any org: its owner's alone.
            return names(data, user) ? shown(type, data) : Optional.empty();
        }
        Optional<Member> member = org.member(user).filter(Member::active);
        if (member.isEmpty()) {
            return Optional.empty();
        }
        if (member.get().isActiveAdmin()) {
            return shown(type, data);
        }
        if (names(data, user)) {
            return shown(type, withoutOthersBalances(data, user));
        }
        if (event instanceof CycleClosed) {
            return shown(type, data);
        }
        return poolBalance(data).map(pool -> {
            ObjectNode view = JSON.createObjectNode();
            view.put("type", POOL_BALANCE);
            ObjectNode poolData = view.putObject("data");
            poolData.set("orgId", data.get("orgId"));
            poolData.set("pool", pool);
            poolData.set("at", data.get("at"));
            return view;
        });
    }

    private static Optional<ObjectNode> shown(String type, JsonNode data) {
        ObjectNode view = JSON.createObjectNode();
        view.put("type", type);
        view.set("data", data);
        return Optional.of(view);
    }

    /** Whether the JSON names the user: an account of theirs, or them as the member a spend or hold is for. */
    private static boolean names(JsonNode node, String user) {
        if (node.isObject() && user.equals(node.path("userId").asText(null))) {
            return true;
        }
        for (JsonNode child : node) {
            if (names(child, user)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBalance(JsonNode node) {
        return node.isObject() && node.has("account") && node.has("balance") && node.has("available");
    }

    private static boolean isPool(JsonNode balance) {
        return "POOL".equals(balance.path("account").path("kind").asText());
    }

    /** A copy with every balance of another member's (or user's) account replaced by null. */
    private static JsonNode withoutOthersBalances(JsonNode data, String user) {
        JsonNode copy = data.deepCopy();
        blank(copy, user);
        return copy;
    }

    private static void blank(JsonNode node, String user) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                if (isBalance(value) && !isPool(value)
                        && !user.equals(value.path("account").path("userId").asText(null))) {
                    field.setValue(JSON.nullNode());
                } else {
                    blank(value, user);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> blank(child, user));
        }
    }

    private static Optional<JsonNode> poolBalance(JsonNode node) {
        if (isBalance(node) && isPool(node)) {
            return Optional.of(node);
        }
        for (JsonNode child : node) {
            Optional<JsonNode> found = poolBalance(child);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
