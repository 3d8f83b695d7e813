package dev.teamcredits.common.layers.clean.rest;

import dev.teamcredits.common.layers.clean.service.PriceService;

/** The HTTP edge calling the use case: fixture for ArchitectureRulesTest (no JAX-RS annotations, so no server picks it up). */
public class PriceResource {
    private final PriceService prices = new PriceService();

    public long get() {
        return prices.doubled().credits();
    }
}
