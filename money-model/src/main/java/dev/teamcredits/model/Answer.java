package dev.teamcredits.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What an operation answers. The harness turns the real HTTP response into the same records. */
public sealed interface Answer {

    /**
     * Nothing changed.
     *
     * @param type    the problem type's last part, e.g. {@code insufficient-credits}
     * @param details the problem's extra members the comparison checks (e.g. available, shortfall,
     *                required, reversible, reserved, status, userId); numbers as {@code Long}
     */
    record Refused(int status, String type, Map<String, Object> details) implements Answer {
    }

    /** A retry with the same key and request: the first answer again; nothing changed. */
    record Replayed(Answer first) implements Answer {
    }

    /** A team fact was applied. */
    record Noted() implements Answer {
    }

    /** A settings PUT (200) or DELETE (204). */
    record Done(int status) implements Answer {
    }

    /** @param personal null unless the org allows personal fallback */
    record Spent(long amount, List<Part> sources, View pool, View member, View personal)
            implements Answer {
    }

    /** A transfer, reversal (status 201) or preview (200, {@code transferId} null). */
    record Moved(String transferId, boolean preview, long amount, View from, View to) implements Answer {
    }

    record Reserved(String reservationId, String action, long amount, List<Part> holds) implements Answer {
    }

    record Captured(long reserved, long captured, List<Part> sources) implements Answer {
    }

    /** A release by a caller (status RELEASED) or by the system after its TTL (EXPIRED). */
    record Released(String status) implements Answer {
    }

    /**
     * A top-up request as it stands after the step: made (status 202, {@code awaiting-payment}), declined (200), or
     * expired by the system.
     *
     * @param requestedBy the user who asked, or {@code auto-top-up}
     * @param declineReason the billing backend's reason, for a declined request only
     */
    record Requested(String requestId, Acct account, long amount, String status, String requestedBy,
                     boolean automatic, String declineReason) implements Answer {
    }

    /**
     * A purchase recorded (201); the same payment reference again answers it as {@link Replayed}.
     *
     * @param requestId null for a purchase that completed no request
     * @param balance   the account after the purchase's step
     */
    record Purchased(String purchaseId, String requestId, String paymentReference, long amount, Long price,
                     String currency, View balance) implements Answer {
    }

    /** An operator's grant (201). */
    record Granted(long amount, String reason, View balance) implements Answer {
    }

    record Closed(LocalDate closedStart, LocalDate start, LocalDate end, long granted, View pool) implements Answer {
    }
}
