package dev.teamcredits.usage.domain;

import java.time.LocalDate;

/**
 * A daily series runs forward from {@code from} to {@code to}, with {@code to} at most
 * {@link #MAX_SPAN_DAYS} days after {@code from}, so one request cannot ask for years of days.
 */
public final class DailySeries {

    public static final int MAX_SPAN_DAYS = 366;

    private DailySeries() {
    }

    public static boolean isValidRange(LocalDate from, LocalDate to) {
        return !from.isAfter(to) && !from.plusDays(MAX_SPAN_DAYS).isBefore(to);
    }
}
