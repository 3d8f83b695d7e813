package dev.teamcredits.common.layers.clean.service;

import dev.teamcredits.common.layers.clean.domain.Price;
import dev.teamcredits.common.layers.clean.repository.PriceRows;

/** A use case over the repository and the domain: fixture for ArchitectureRulesTest. */
public class PriceService {
    private final PriceRows rows = new PriceRows();

    public Price doubled() {
        return rows.load().twice();
    }
}
