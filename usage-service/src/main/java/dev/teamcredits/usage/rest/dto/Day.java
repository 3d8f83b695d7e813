package dev.teamcredits.usage.rest.dto;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One day of a daily usage series: credits charged and number of spends. */
@Schema(name = "DailyUsage", description = "One UTC day of a daily usage series")
public record Day(@Schema(description = "The day") LocalDate day,
        @Schema(description = "Credits charged that day") long credits,
        @Schema(description = "Number of spends that day") long spends) {
}
