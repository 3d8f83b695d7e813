package dev.teamcredits.events.team;

/**
 * Org-wide rules an admin can switch.
 *
 * @param personalFallback spends may fall back to the member's personal balance
 * @param sameDomainOnly   invitees must share the inviting admin's email domain
 */
public record OrgSettings(boolean personalFallback, boolean sameDomainOnly) {
}
