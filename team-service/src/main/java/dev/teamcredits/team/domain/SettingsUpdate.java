package dev.teamcredits.team.domain;

import dev.teamcredits.events.team.OrgSettings;

/**
 * A partial change of an org's settings: a setting left null keeps its value.
 *
 * @param personalFallback whether spends may fall back to members' personal balances
 * @param sameDomainOnly whether invitees must share the inviting admin's email domain ({@link SameDomainRule})
 */
public record SettingsUpdate(Boolean personalFallback, Boolean sameDomainOnly) {

    public OrgSettings applyTo(OrgSettings before) {
        return new OrgSettings(personalFallback == null ? before.personalFallback() : personalFallback,
                sameDomainOnly == null ? before.sameDomainOnly() : sameDomainOnly);
    }
}
