package dev.teamcredits.ledger.domain;

import dev.teamcredits.events.ledger.AccountRef;
import java.util.UUID;

/**
 * Which account: an org's pool, a member's balance in an org, or a user's personal balance. The
 * {@code ref} ({@code POOL:<org>}, {@code MEMBER:<org>:<user>}, {@code PERSONAL:<user>}) names it in
 * the database.
 */
public record AccountKey(String ref, AccountRef.Kind kind, UUID orgId, String userId) {

    public static AccountKey pool(UUID orgId) {
        return new AccountKey("POOL:" + orgId, AccountRef.Kind.POOL, orgId, null);
    }

    public static AccountKey member(UUID orgId, String userId) {
        return new AccountKey("MEMBER:" + orgId + ":" + userId, AccountRef.Kind.MEMBER, orgId, userId);
    }

    public static AccountKey personal(String userId) {
        return new AccountKey("PERSONAL:" + userId, AccountRef.Kind.PERSONAL, null, userId);
    }

    /** An account named as in events ({@code pool}, a member, a personal balance) within {@code orgId}. */
    public static AccountKey of(UUID orgId, AccountRef account) {
        return switch (account.kind()) {
            case POOL -> pool(orgId);
            case MEMBER -> member(orgId, account.userId());
            case PERSONAL -> personal(account.userId());
        };
    }

    /** The key an account {@code ref} names (the format above is written here only). */
    public static AccountKey fromRef(String ref) {
        String[] parts = ref.split(":", 3);
        return switch (parts[0]) {
            case "POOL" -> pool(UUID.fromString(parts[1]));
            case "MEMBER" -> member(UUID.fromString(parts[1]), parts[2]);
            case "PERSONAL" -> personal(ref.substring("PERSONAL:".length()));
            default -> throw new IllegalArgumentException("Not an account ref: " + ref);
        };
    }

    /** The account as events and answers name it. */
    public AccountRef asRef() {
        return new AccountRef(kind, userId);
    }
}
