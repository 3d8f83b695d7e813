package dev.teamcredits.usage.domain.report;

import java.time.LocalDate;

/** Credits charged and spends on one UTC day, of one member or of the whole org. */
public record DayTotals(LocalDate day, long credits, long spends) {
}
