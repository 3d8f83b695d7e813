package dev.teamcredits.ledger.rest;

import dev.teamcredits.ledger.config.LedgerConfig;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.smallrye.config.SmallRyeConfig;
import java.math.BigDecimal;
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
@OpenApiFilter(OpenApiFilter.RunStage.RUN)
public class ConfiguredBoundsFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        LedgerConfig.Reservations reservations = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
                .getConfigMapping(LedgerConfig.class).reservations();
        Schema request = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null ? null
                : openAPI.getComponents().getSchemas().get("ReserveRequest");
        // Missing only if the DTO was renamed; the contract test then finds the bound undeclared.
        Schema ttl = request == null || request.getProperties() == null ? null
                : request.getProperties().get("ttlSeconds");
        if (ttl != null) {
            ttl.setMaximum(BigDecimal.valueOf(reservations.maxTtl().toSeconds()));
            ttl.setDescription("How long the hold lasts, in seconds: 1 to " + reservations.maxTtl().toSeconds()
                    + " (ledger.reservations.max-ttl); default " + reservations.defaultTtl().toSeconds() + ".");
        }
    }
}
