package dev.teamcredits.common.layers.clean.domain;

/** A pure rule: fixture for ArchitectureRulesTest. */
public record Price(long credits) {
    public Price twice() {
        return new Price(credits * 2);
    }
}
