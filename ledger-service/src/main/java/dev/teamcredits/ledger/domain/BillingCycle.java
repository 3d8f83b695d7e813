package dev.teamcredits.ledger.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Monthly billing cycles counted from the org's anchor date (an anchor on the 31st takes each month's last day). */
public final class BillingCycle {

    private BillingCycle() {
    }

    /** The end of the cycle that starts on {@code start} (the next cycle's start). */
    public static LocalDate end(LocalDate anchor, LocalDate start) {
        long months = ChronoUnit.MONTHS.between(anchor, start);
        LocalDate end = anchor.plusMonths(months + 1);
        while (!end.isAfter(start)) {
            end = anchor.plusMonths(++months + 1);
        }
        return end;
    }

    /** A cycle boundary as an instant: 00:00 UTC of that day. Lots expire at boundaries. */
    public static Instant boundary(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
