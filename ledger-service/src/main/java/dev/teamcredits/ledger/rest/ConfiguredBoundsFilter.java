package dev.teamcredits.ledger.rest;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.math.BigDecimal;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Bounds that come from configuration, written into the document when the service starts, so that it says what
 * this deployment refuses: a reservation's {@code ttlSeconds} is at most {@code ledger.reservations.max-ttl}
 * ({@code ReservationService} answers more with 400 {@code ttl-out-of-range}, the type the money model states,
 * which is why the bound is not a {@code @Max} on the DTO).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BOTH) // BUILD too: the stored document (merged by the api module) says it
public class ConfiguredBoundsFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Duration maxTtl = duration("ledger.reservations.max-ttl");
        Duration defaultTtl = duration("ledger.reservations.default-ttl");
        Schema request = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null ? null
                : openAPI.getComponents().getSchemas().get("ReserveRequest");
        // Missing only if the DTO was renamed; the contract test then finds the bound undeclared.
        Schema ttl = request == null || request.getProperties() == null ? null
                : request.getProperties().get("ttlSeconds");
        if (ttl != null) {
            ttl.setMaximum(BigDecimal.valueOf(maxTtl.toSeconds()));
            ttl.setDescription("How long the hold lasts, in seconds: 1 to " + maxTtl.toSeconds()
                    + " (ledger.reservations.max-ttl); default " + defaultTtl.toSeconds() + ".");
        }
    }

    /** Read as a plain property, since at build time the ledger's config mapping does not exist yet. */
    private static Duration duration(String name) {
        return DurationConverter.parseDuration(ConfigProvider.getConfig().getValue(name, String.class));
    }
}
