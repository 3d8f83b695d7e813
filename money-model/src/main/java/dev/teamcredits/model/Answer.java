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

    record ToppedUp(long amount, View balance) implements Answer {
    }

    record Reserved(String reservationId, String action, long amount, List<Part> holds) implements Answer {
    }

    record Captured(long reserved, long captured, List<Part> sources) implements Answer {
    }

    /** A release by a caller (status RELEASED) or by the system after its TTL (EXPIRED). */
    record Released(String status) implements Answer {
    }

    record Closed(LocalDate closedStart, LocalDate start, LocalDate end, long granted, View pool) implements Answer {
    }
}
