package dev.teamcredits.common.layers.clean.repository;

import dev.teamcredits.common.layers.clean.domain.Price;

/** Reads rows into domain values: fixture for ArchitectureRulesTest. */
public class PriceRows {
    public Price load() {
        return new Price(1);
    }
}
