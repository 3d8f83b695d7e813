package dev.teamcredits.usage.rest.dto;

import java.time.LocalDate;

/** One day of a daily usage series: credits charged and number of spends. */
public record Day(LocalDate day, long credits, long spends) {
}
