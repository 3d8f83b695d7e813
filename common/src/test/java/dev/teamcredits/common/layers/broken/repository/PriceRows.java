package dev.teamcredits.common.layers.broken.repository;

import dev.teamcredits.common.layers.broken.service.PriceService;

/** A repository that calls a use case: fixture that breaks "repositories know no use cases". */
public class PriceRows {
    public long load() {
        return new PriceService().view().credits();
    }
}
