package dev.teamcredits.ledger.rest.dto;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An account credits arrive in, named by what it belongs to: an org's pool {@code {orgId}}, a member's balance
 * in an org {@code {orgId, userId}}, or a user's personal balance {@code {userId}}.
 *
 * @param orgId  the org of a pool or member balance; absent for a personal balance
 * @param userId the member of a member balance, the user of a personal balance; absent for a pool
 */
@Schema(description = "An account credits arrive in: {orgId} an org's pool, {orgId, userId} a member's balance, "
        + "{userId} a user's personal balance", example = "{\"orgId\": \"5f1c9a53-8c0e-4c61-9b0e-2f4d6a7b8c90\", "
                + "\"userId\": \"a0000000-0000-4000-8000-000000000002\"}")
public record AccountBody(
        @Schema(format = "uuid", pattern = AccountBody.UUID_PATTERN,
                description = "The org of a pool or member balance; absent for a personal balance") UUID orgId,
        @Schema(description = "The member of a member balance, or the user of a personal balance; absent for a pool")
        @Size(min = 1, max = 200) String userId) {

    /** A UUID, anchored: JSON Schema reads a pattern unanchored, and text around a UUID is not a UUID. */
    public static final String UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{12}$";

    @Schema(hidden = true)
    @AssertTrue(message = "name an org (its pool), a user (their personal balance), or both (a member balance)")
    public boolean isNamed() {
        return orgId != null || userId != null;
    }
}
