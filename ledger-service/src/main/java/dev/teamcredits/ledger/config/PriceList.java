package dev.teamcredits.ledger.config;

import dev.teamcredits.ledger.domain.Pricing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The configured price list ({@code ledger.prices.*}) as the domain's {@link Pricing}. */
@ApplicationScoped
public class PriceList {

    @Produces
    @ApplicationScoped
    Pricing pricing(LedgerConfig config) {
        return new Pricing(config.prices());
    }
}
