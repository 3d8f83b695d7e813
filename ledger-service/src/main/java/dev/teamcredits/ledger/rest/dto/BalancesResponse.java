package dev.teamcredits.ledger.rest.dto;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The team page's numbers.
 *
 * @param members every member for admins (with {@code former=true}, former members too); only the
 *                caller for members
 */
@Schema(description = "The team page's numbers")
public record BalancesResponse(@Schema(description = "The org") UUID orgId,
        @Schema(description = "First day of the current billing cycle") LocalDate cycleStart,
        @Schema(description = "Last day of the current billing cycle") LocalDate cycleEnd,
        @Schema(description = "The org's pool") PoolBalance pool,
        @Schema(description = "Every member for admins (with former=true, former members too); only the caller for "
                + "members") List<MemberBalance> members) {

    /**
     * @param totalThisCycle credits that entered the pool this cycle (allocation, rollover, top-ups, transfers in)
     * @param lots           the pool's credits by kind and expiry, in burn order
     */
    @Schema(description = "The pool's numbers")
    public record PoolBalance(@Schema(description = "Credits in the pool") long balance,
            @Schema(description = "Credits held by open reservations") long reserved,
            @Schema(description = "balance − reserved: what can be spent, reserved or transferred") long available,
            @Schema(description = "Credits that entered the pool this cycle (allocation, rollover, purchases, grants, "
                    + "transfers in)") long totalThisCycle,
            @Schema(description = "The pool's credits by kind and expiry, in burn order") List<LotView> lots) {
    }

    /**
     * @param active             false for a former member (listed only on request)
     * @param poolDrawnThisCycle pool credits this member spent this cycle (counts against poolCap)
     * @param poolHeld           pool credits this member's open reservations hold (count against poolCap too)
     * @param lots               the member balance's credits by kind and expiry, in burn order
     */
    @Schema(description = "A member's balance and pool use")
    public record MemberBalance(@Schema(description = "The member's user id") String userId,
            @Schema(description = "The member's email") String email,
            @Schema(description = "The member's display name") String displayName,
            @Schema(description = "False for a former member (listed only with former=true)") boolean active,
            @Schema(description = "Credits in the member balance") long balance,
            @Schema(description = "Credits held by open reservations") long reserved,
            @Schema(description = "balance − reserved") long available,
            @Schema(description = "Whether the member may draw on the pool") boolean poolAccess,
            @Schema(description = "Most pool credits the member may draw per cycle; null = no cap", nullable = true)
            Long poolCap,
            @Schema(description = "Pool credits this member spent this cycle (count against poolCap)")
            long poolDrawnThisCycle,
            @Schema(description = "Pool credits this member's open reservations hold (count against poolCap too)")
            long poolHeld,
            @Schema(description = "The member balance's credits by kind and expiry, in burn order") List<LotView> lots) {
    }
}
