package dev.teamcredits.common.layers.broken.service;

import dev.teamcredits.common.layers.broken.rest.PriceView;

/** A use case returning a DTO: fixture that breaks "services know no HTTP". */
public class PriceService {
    public PriceView view() {
        return new PriceView(1);
    }
}
