package dev.teamcredits.ledger.service;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Monthly billing cycles counted from the org's anchor date (the 31st becomes the month's last day). */
public final class Cycles {

    private Cycles() {
    }

    /** The end of the cycle that starts on {@code start}. */
    public static LocalDate end(LocalDate anchor, LocalDate start) {
        long months = ChronoUnit.MONTHS.between(anchor, start);
        LocalDate end = anchor.plusMonths(months + 1);
        while (!end.isAfter(start)) {
            end = anchor.plusMonths(++months + 1);
        }
        return end;
    }
}
