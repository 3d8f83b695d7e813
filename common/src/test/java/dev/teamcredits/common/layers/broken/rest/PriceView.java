package dev.teamcredits.common.layers.broken.rest;

import dev.teamcredits.common.layers.broken.service.PriceService;

/** A DTO that calls back into the service: with PriceService, a package cycle. */
public record PriceView(long credits) {
    public static PriceView current() {
        return new PriceService().view();
    }
}
